import { shortId } from '../util/shortId.js';
import { hostname } from 'node:os';
import { Messages, type Org } from '@salesforce/core';
import type { MigrationPlan } from '../graph/planTypes.js';
import type { OrgRef, RunMeta } from '../journal/runMeta.js';
import { canTransition } from '../journal/runState.js';
import { orgOfRunLabel, resolveOrg } from '../org/resolveOrg.js';
import type { SyncTemplate } from '../template/syncTemplate.js';
import type { TemplateFile } from '../template/templateFile.js';
import { templateForWriting } from '../graph/writeTemplateFile.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.retry');

/**
 * Refuses to continue a run that does not fit: a scan or dry run, a rolled-back run, a run still going. A
 * run left in `syncing` by a process that died can be resumed (`execute --resume`), but only when that
 * process is really gone: two processes writing one journal would corrupt it.
 */
export function assertContinuable(meta: RunMeta, resume: boolean): void {
  if (meta.command === 'scan' || meta.dryRun) throw messages.createError('error.NothingWritten', [meta.runId]);
  if (meta.state === 'syncing' || meta.state === 'planning' || meta.state === 'scanning') {
    if (!resume) throw messages.createError('error.Interrupted', [meta.runId, meta.state], [meta.runId]);
    if (runProcessAlive(meta)) throw messages.createError('error.StillRunning', [meta.runId, meta.pid ?? '?', meta.host ?? '?'], [meta.runId]);
    return;
  }
  if (!canTransition(meta.state, 'syncing')) throw messages.createError('error.NotRetryable', [meta.runId, meta.state], [meta.runId]);
}

/** Whether the process that wrote the run is still alive (on this machine; another host cannot be checked). */
function runProcessAlive(meta: RunMeta): boolean {
  if (!meta.pid || meta.host !== hostname() || meta.pid === process.pid) return false;
  try {
    process.kill(meta.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The run's org on this machine, by the username the run recorded; it must be the same org (same org id):
 * retrying into another org would mix ids of two orgs in one journal.
 */
export async function orgOfRun(meta: RunMeta, side: 'source' | 'target', given?: Org): Promise<Org> {
  const ref: OrgRef = meta[side];
  const org = given ?? (await resolveOrg(ref.username, orgOfRunLabel(side, meta.runId)));
  if (shortId(org.getOrgId()) !== shortId(ref.orgId)) {
    throw messages.createError('error.WrongOrg', [side, org.getUsername() ?? org.getOrgId(), org.getOrgId(), meta.runId, ref.username, ref.orgId]);
  }
  return org;
}

/** The template the run recorded, in file form, with the run's order: a retry follows the same plan. */
export function templateOfRun(meta: RunMeta): TemplateFile {
  return templateForWriting(meta.template as SyncTemplate, meta.plan as MigrationPlan);
}
