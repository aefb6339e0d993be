import { Messages, type Org } from '@salesforce/core';
import type { MigrationPlan } from '../graph/planTypes.js';
import type { OrgRef, RunMeta } from '../journal/runMeta.js';
import { canTransition } from '../journal/runState.js';
import { resolveOrg } from '../org/resolveOrg.js';
import type { SyncTemplate } from '../template/syncTemplate.js';
import type { TemplateFile } from '../template/templateFile.js';
import { templateForWriting } from '../template/writeTemplateFile.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.retry');

/** Refuses a retry that does not fit the run: a scan or dry run, a rolled-back run, a run still going. */
export function assertRetryable(meta: RunMeta): void {
  if (meta.command === 'scan' || meta.dryRun) throw messages.createError('error.NothingWritten', [meta.runId]);
  if (!canTransition(meta.state, 'syncing') || meta.state === 'syncing') {
    throw messages.createError('error.NotRetryable', [meta.runId, meta.state]);
  }
}

/**
 * The run's org on this machine, by the username the run recorded; it must be the same org (same org id):
 * retrying into another org would mix ids of two orgs in one journal.
 */
export async function orgOfRun(meta: RunMeta, side: 'source' | 'target', given?: Org): Promise<Org> {
  const ref: OrgRef = meta[side];
  const org = given ?? (await resolveOrg(ref.username));
  if (org.getOrgId().slice(0, 15) !== ref.orgId.slice(0, 15)) {
    throw messages.createError('error.WrongOrg', [side, org.getUsername() ?? org.getOrgId(), org.getOrgId(), meta.runId, ref.username, ref.orgId]);
  }
  return org;
}

/** The template the run recorded, in file form, with the run's order: a retry follows the same plan. */
export function templateOfRun(meta: RunMeta): TemplateFile {
  return templateForWriting(meta.template as SyncTemplate, meta.plan as MigrationPlan);
}
