import { shortId } from '../util/shortId.js';
import { Messages, type Org } from '@salesforce/core';
import type { RunMeta } from '../journal/runMeta.js';
import { canTransition } from '../journal/runState.js';
import { orgOfRunLabel, resolveOrg } from '../org/resolveOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.rollback');

/**
 * Refuses a rollback that does not fit the run: a scan or dry run wrote nothing, a rolled-back run has
 * nothing left to undo, a run still in progress must finish (or be resumed) first. `rolling_back` is
 * accepted: it is what a rollback killed mid-way leaves, and running it again finishes the job.
 */
export function assertRollbackable(meta: RunMeta): void {
  if (meta.command === 'scan' || meta.dryRun) throw messages.createError('error.NothingWritten', [meta.runId]);
  if (meta.state === 'rolled_back') throw messages.createError('error.AlreadyRolledBack', [meta.runId], [meta.runId]);
  if (meta.state !== 'rolling_back' && !canTransition(meta.state, 'rolling_back')) {
    throw messages.createError('error.NotSettled', [meta.runId, meta.state], [meta.runId]);
  }
}

/**
 * The org to undo the run in: the one given, else the run's target (by username), and in either case the
 * run's target org (same org id): undoing a run in another org would delete records by foreign ids.
 */
export async function rollbackTargetOrg(meta: RunMeta, given?: Org): Promise<Org> {
  const org = given ?? (await resolveOrg(meta.target.username, orgOfRunLabel('target', meta.runId)));
  const orgId = org.getOrgId();
  if (shortId(orgId) !== shortId(meta.target.orgId)) {
    throw messages.createError('error.WrongTargetOrg', [org.getUsername() ?? orgId, orgId, meta.runId, meta.target.username, meta.target.orgId], [meta.target.username]);
  }
  return org;
}
