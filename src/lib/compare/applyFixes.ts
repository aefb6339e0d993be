import type { SourceFile } from '../api/metadataZip.js';
import { metadataZip } from '../api/metadataZip.js';
import { succeeded } from '../api/deployResult.js';
import { checkDeployStatus, DEFAULT_DEPLOY_POLL, startDeploy, waitForDeploy, type DeployPollOptions } from '../api/metadataDeploy.js';
import type { OrgApi } from '../api/orgApi.js';
import { queryAll } from '../api/queryPages.js';
import { soqlString } from '../api/soqlLiterals.js';
import { settleDeploys } from '../automation/kinds/triggers.js';
import { newRunId } from '../journal/paths.js';
import { listFixes, saveFix, type FixRecord } from './fixJournal.js';
import { permissionSetFile, type PlannedFix } from './schemaFixes.js';

export type FixTarget = {
  api: OrgApi;
  orgId: string;
  username: string;
  userId: string;
};

export type ApplyFixesInput = {
  planned: readonly PlannedFix[];
  source: { orgId: string; username: string };
  target: FixTarget;
  journalRoot: string;
  poll?: DeployPollOptions;
  onStep?: (step: 'deploying' | 'deployed' | 'assigned', detail: string) => void;
};

/**
 * Deploys the planned fixes in one all-or-nothing deploy (`rollbackOnError`: a refused component changes
 * nothing), with a permission set that lets the running user see and write what it creates, then assigns that
 * set to the user. Each step is journaled first (fixJournal.ts). A deploy that fails throws DeployFailedError
 * once the failure is journaled.
 */
export async function applyFixes(input: ApplyFixesInput): Promise<FixRecord> {
  const id = newRunId();
  const permissionSet = `Isync_Fix_${id.slice(0, 15).replace('T', '_')}`;
  const grants = permissionSetFile(permissionSet, `sf isync fix ${id.slice(0, 15)}`, input.planned);
  const files: SourceFile[] = [...input.planned.flatMap((fix) => fix.files), ...(grants ? [grants] : [])];
  const record: FixRecord = {
    id,
    startedAt: new Date().toISOString(),
    source: input.source,
    target: { orgId: input.target.orgId, username: input.target.username },
    fixes: input.planned.map((fix) => fix.fix),
    files: files.map((file) => file.path),
    ...(grants ? { permissionSet } : {}),
    state: 'planned',
  };
  const save = (change: Partial<FixRecord>): void => saveFix(input.journalRoot, Object.assign(record, change));
  save({});
  const { api } = input.target;
  const zip = await metadataZip(files, api.apiVersion);
  save({ state: 'deploying', requestedAt: new Date().toISOString() });
  // No test level: a package without Apex runs no tests, in production too (where NoTestRun is refused).
  const deployId = await startDeploy(api, zip, { rollbackOnError: true, singlePackage: true });
  save({ deployId });
  input.onStep?.('deploying', deployId);
  try {
    await waitForDeploy(api, deployId, input.poll ?? DEFAULT_DEPLOY_POLL);
  } catch (error) {
    save({ state: 'failed', error: error instanceof Error ? error.message : String(error), finishedAt: new Date().toISOString() });
    throw error;
  }
  save({ state: 'deployed' });
  input.onStep?.('deployed', deployId);
  if (grants) {
    await assignPermissionSet(api, permissionSet, input.target.userId);
    input.onStep?.('assigned', permissionSet);
  }
  save({ state: 'done', finishedAt: new Date().toISOString() });
  return record;
}

/**
 * Finishes the fixes to this target that a killed process left open: waits for their deploys, then assigns
 * the permission set of each that succeeded. Answers the fixes settled.
 */
export async function settleEarlierFixes(journalRoot: string, target: FixTarget, poll: DeployPollOptions = DEFAULT_DEPLOY_POLL): Promise<FixRecord[]> {
  const open = listFixes(journalRoot).filter((fix) => fix.target.orgId === target.orgId && (fix.state === 'deploying' || fix.state === 'deployed'));
  for (const fix of open) {
    if (fix.state === 'deploying') {
      await settleDeploys(target.api, { ids: fix.deployId ? [fix.deployId] : [], ...(fix.deployId ? {} : { requestedWithoutId: fix.requestedAt }) }, poll);
    }
    // A deploy whose id is known tells its outcome; one without (killed before the answer) succeeded if its
    // permission set exists. A failed deploy changed nothing.
    const deployed = fix.deployId ? succeeded(await checkDeployStatus(target.api, fix.deployId)) : true;
    const assigned = deployed && (fix.permissionSet ? await assignPermissionSet(target.api, fix.permissionSet, target.userId) : true);
    saveFix(journalRoot, { ...fix, state: assigned ? 'done' : 'failed', ...(assigned ? {} : { error: 'The deploy did not succeed.' }), finishedAt: new Date().toISOString() });
  }
  return open;
}

/** Assigns the permission set to the user (already assigned counts as done); false when the org has no such set. */
async function assignPermissionSet(api: OrgApi, name: string, userId: string): Promise<boolean> {
  const sets = await queryAll(api, `SELECT Id FROM PermissionSet WHERE Name = ${soqlString(name)}`, { small: true });
  if (sets.length === 0) return false;
  try {
    await api.request('POST', '/sobjects/PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: sets[0].Id });
  } catch (error) {
    if ((error as { errorCode?: string }).errorCode !== 'DUPLICATE_VALUE') throw error;
  }
  return true;
}
