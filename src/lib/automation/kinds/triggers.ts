import { DeployFailedError } from '../../api/deployResult.js';
import { DEFAULT_DEPLOY_POLL, startDeploy, waitForDeploy, type DeployPollOptions, type TestLevel } from '../../api/metadataDeploy.js';
import type { OrgApi } from '../../api/orgApi.js';
import type { AutomationItem } from '../automationTypes.js';
import { inList, isManaged, text, toolingRows } from './setupQueries.js';
import { triggerPackage, type TriggerSource } from './triggerPackage.js';

/**
 * Apex triggers. A trigger's status cannot be changed by a Tooling update in production ("Save or update not
 * supported in active organizations"), and in sandboxes that path is undocumented: the one way Salesforce
 * documents for every org is a Metadata API deploy of the trigger with `<status>Inactive</status>` (then
 * `Active` to switch it back on). In production that deploy runs the org's local tests.
 */

const TRIGGER_EVENTS: ReadonlyArray<[string, string]> = [
  ['UsageBeforeInsert', 'before insert'],
  ['UsageAfterInsert', 'after insert'],
  ['UsageBeforeUpdate', 'before update'],
  ['UsageAfterUpdate', 'after update'],
  ['UsageBeforeDelete', 'before delete'],
  ['UsageAfterDelete', 'after delete'],
];

/** The objects' triggers. Their bodies are read only when one is switched (see switchTriggers). */
export async function readTriggers(api: OrgApi, objects: readonly string[]): Promise<AutomationItem[]> {
  const rows = await toolingRows(
    api,
    `SELECT Id, Name, TableEnumOrId, Status, NamespacePrefix, ManageableState, ${TRIGGER_EVENTS.map(([field]) => field).join(', ')} ` +
      `FROM ApexTrigger WHERE TableEnumOrId IN ${inList(objects)}`
  );
  return rows.map((row) => {
    const namespace = text(row, 'NamespacePrefix');
    return {
      kind: 'triggers',
      object: String(row.TableEnumOrId),
      name: String(row.Name),
      id: String(row.Id),
      active: row.Status === 'Active',
      ...(namespace ? { namespace } : {}),
      switchable: isManaged(row) ? 'managed' : 'deploy',
      detail: TRIGGER_EVENTS.filter(([field]) => row[field] === true)
        .map(([, label]) => label)
        .join(', '),
    };
  });
}

/**
 * Production refuses NoTestRun for a package with Apex; elsewhere no tests run, as sandboxes do by default. The
 * user has accepted a production target (`--confirm-production`) before anything is switched there.
 */
export function triggerTestLevel(production: boolean): TestLevel {
  return production ? 'RunLocalTests' : 'NoTestRun';
}

export type TriggerDeploy = {
  testLevel: TestLevel;
  /**
   * Told the time just before deploy() leaves: the journal keeps it, so that a process killed before it knows the
   * deploy's id leaves a trace to find the deploy by (settleDeploys).
   */
  onRequesting: (at: string) => void;
  /** Told the deploy's id as soon as the org answers it, before any poll: the journal keeps it (crash safety). */
  onStarted: (deployId: string) => void;
  poll?: DeployPollOptions;
};

/**
 * Switches the triggers on or off with one deploy of all that are not as asked (one deploy: in production, one
 * run of the org's tests for them all). Each trigger is read first, with its body: a trigger that already is as
 * asked is left out, so switching back on never deploys one that is on. Answers the ids deployed.
 */
export async function switchTriggers(api: OrgApi, ids: readonly string[], active: boolean, deploy: TriggerDeploy): Promise<string[]> {
  const sources = await readTriggerSources(api, ids);
  const missing = ids.filter((id) => !sources.some((source) => source.id === id));
  if (missing.length > 0) throw new Error(`The org has no Apex trigger ${missing.join(', ')} any more.`);
  const changing = sources.filter((source) => (source.status === 'Active') !== active);
  if (changing.length === 0) return [];
  const zip = await triggerPackage(changing, active ? 'Active' : 'Inactive', api.apiVersion);
  deploy.onRequesting(new Date().toISOString());
  const deployId = await startDeploy(api, zip, { testLevel: deploy.testLevel, singlePackage: true, rollbackOnError: true });
  deploy.onStarted(deployId);
  await waitForDeploy(api, deployId, deploy.poll ?? DEFAULT_DEPLOY_POLL);
  return changing.map((source) => source.id);
}

/** Earlier deploys a restore waits for: the ids journaled, and the time of a request whose id never was. */
export type EarlierDeploys = { ids: readonly string[]; requestedWithoutId?: string };

/**
 * How far before a journaled request time a deploy may be stamped `CreatedDate` by the org: this machine's clock
 * and the org's differ (NTP keeps them within seconds; minutes allow for a machine that drifted).
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Waits until earlier deploys (journaled by a process that may have been killed) are finished, whatever their
 * outcome: a deploy that switches a trigger off and completes after the restore read the trigger would leave it
 * off. A failed or canceled deploy changed nothing (rollbackOnError), which is all the restore needs to know; so
 * did a deploy the org no longer knows (an id from a reset org, or older than the org keeps deploys).
 *
 * A process killed between deploy() and the answer leaves no id, only the request's time: the deploys still
 * running in the org that were created since then (less CLOCK_SKEW_MS) are waited for, found on Tooling
 * `DeployRequest`. Someone else's deploy among them costs a wait, never a wrong restore.
 */
export async function settleDeploys(api: OrgApi, earlier: EarlierDeploys, poll: DeployPollOptions = DEFAULT_DEPLOY_POLL): Promise<void> {
  const lost = earlier.requestedWithoutId === undefined ? [] : await runningDeploysSince(api, earlier.requestedWithoutId);
  for (const deployId of new Set([...earlier.ids, ...lost])) {
    await waitForDeploy(api, deployId, { ...poll, firstPollMs: 0 }).catch((error: unknown) => {
      if (error instanceof DeployFailedError || UNKNOWN_DEPLOY.has((error as { errorCode?: string }).errorCode ?? '')) return;
      throw error;
    });
  }
}

async function runningDeploysSince(api: OrgApi, requestedAt: string): Promise<string[]> {
  const since = new Date(Date.parse(requestedAt) - CLOCK_SKEW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const rows = await toolingRows(api, `SELECT Id FROM DeployRequest WHERE Status IN ('Pending','InProgress','Canceling') AND CreatedDate >= ${since}`);
  return rows.map((row) => String(row.Id));
}

/** Faults answering a deploy id the org does not know (checkDeployStatus). */
const UNKNOWN_DEPLOY = new Set(['INVALID_CROSS_REFERENCE_KEY', 'INVALID_ID_FIELD']);

/** Name, body, API version and status of each trigger (Body is a long text: read for the few being switched only). */
async function readTriggerSources(api: OrgApi, ids: readonly string[]): Promise<TriggerSource[]> {
  const rows = await toolingRows(api, `SELECT Id, Name, Body, ApiVersion, Status FROM ApexTrigger WHERE Id IN ${inList(ids)}`);
  return rows.map((row) => ({ id: String(row.Id), name: String(row.Name), body: typeof row.Body === 'string' ? row.Body : '', apiVersion: Number(row.ApiVersion), status: String(row.Status) }));
}
