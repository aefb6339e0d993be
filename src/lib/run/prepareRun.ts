import { Messages, type Org } from '@salesforce/core';
import { orgApiFor } from '../api/httpOrgApi.js';
import { MIN_API_VERSION, type OrgApi } from '../api/orgApi.js';
import { orgEdition } from '../api/orgEdition.js';
import { queryAll } from '../api/queryPages.js';
import { PackedReads } from '../api/packedReads.js';
import { RetryingOrgApi } from '../api/retryingOrgApi.js';
import { soqlString } from '../api/soqlLiterals.js';
import type { OrgRef } from '../journal/runMeta.js';
import { ConnectionDescribeSource } from '../schema/connectionDescribeSource.js';
import { prepareSync, type PreparedSync } from './prepareSync.js';
import { queryingSoqlChecker } from '../template/soqlCheck.js';
import { CountQueries } from '../load/countQueries.js';
import type { TemplateFile } from '../template/templateFile.js';
import type { SyncType } from '../template/syncTemplate.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import { buildObjectSpecs } from './objectSpecs.js';
import { preflight, type PreflightProblem } from './preflight.js';
import { startReadsAhead, type ReadsAhead } from './readsAhead.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.run');

export type RunSetupInput = {
  sourceOrg: Org;
  targetOrg: Org;
  templateFile?: string;
  objects?: string[];
  /** A template in hand instead (retry). */
  file?: TemplateFile;
  /** The user said the target may be a production org. */
  confirmProduction: boolean;
  /** Throw on blocking metadata mismatches (a sync); a scan only reports them. */
  failOnBlocking: boolean;
  /** The sync type the flags ask for (undefined: as the template says): a delta needs no whole counts ahead. */
  syncType?: SyncType;
};

export type RunSetup = {
  prepared: PreparedSync;
  specs: ObjectSyncSpec[];
  source: OrgApi;
  target: OrgApi;
  sourceRef: OrgRef;
  targetRef: OrgRef;
  sourceKeyPrefixes: Map<string, string>;
  targetUserId: string;
  targetEdition: { isProduction: boolean; organizationType: string };
  /** Metadata mismatches (blocking ones throw unless `failOnBlocking` is false). */
  preflight: PreflightProblem[];
  /** Record counts and API limits, asked as soon as the template was read: the run and its budget use them. */
  ahead: ReadsAhead;
};

/**
 * Everything checked before a run writes anything: two different orgs, a recent enough API, the production
 * guard, the template against both orgs and the plan. Throws an SfError with actions on the first blocker.
 */
export async function prepareRun(input: RunSetupInput): Promise<RunSetup> {
  const sourceRef = orgRef(input.sourceOrg);
  const targetRef = orgRef(input.targetOrg);
  if (sourceRef.orgId.slice(0, 15) === targetRef.orgId.slice(0, 15)) {
    throw messages.createError('error.SameOrg', [`${targetRef.username}, ${targetRef.orgId}`]);
  }
  const sourceConnection = input.sourceOrg.getConnection();
  const targetConnection = input.targetOrg.getConnection();
  for (const [ref, connection] of [[sourceRef, sourceConnection], [targetRef, targetConnection]] as const) {
    if (Number(connection.getApiVersion()) < MIN_API_VERSION) {
      throw messages.createError('error.ApiVersionTooOld', [ref.username, connection.getApiVersion(), `${MIN_API_VERSION}.0`]);
    }
  }
  const source = orgApiFor(sourceConnection);
  const target = orgApiFor(targetConnection);
  // The checks below are reads: passing failures (503, concurrent-request limit) are retried, and the small
  // ones (counts, the edition, the running user, record types) leave packed into few Composite calls.
  const sourceReads = new RetryingOrgApi(new PackedReads(source));
  const targetReads = new RetryingOrgApi(new PackedReads(target));

  // These reads do not depend on each other: sent together, they cost one round trip instead of three. The
  // production guard still decides first: nothing here writes, and its error wins over any other.
  const editionCheck = orgEdition(targetReads);
  const runningUser = queryAll(targetReads, `SELECT Id FROM User WHERE Username = ${soqlString(targetRef.username)}`, { small: true });
  // One describe source per org for the whole preparation: the key prefixes below reuse its global describe.
  const sourceDescribes = new ConnectionDescribeSource(sourceConnection, source);
  let ahead: ReadsAhead | undefined;
  const preparing = prepareSync({
    templateFile: input.templateFile,
    objects: input.objects,
    file: input.file,
    source: sourceDescribes,
    target: new ConnectionDescribeSource(targetConnection, target),
    // A where check is its object's count query: the one the run asks ahead (see readsAhead), asked once.
    checkSoql: queryingSoqlChecker((soql) =>
      soql.startsWith('SELECT COUNT()') ? (ahead?.counts.source ?? new CountQueries(sourceReads)).counts([soql])[0] : queryAll(sourceReads, soql, { small: true })
    ),
    onTemplate: (file) => (ahead = startReadsAhead(file, sourceReads, targetReads, { syncType: input.syncType })),
  });
  // Awaited below unless an earlier check throws first: then their failures must not go unhandled.
  for (const pending of [runningUser, preparing]) pending.catch(() => undefined);

  const targetEdition = await editionCheck;
  if (targetEdition.isProduction && !input.confirmProduction) {
    throw messages.createError('error.ProductionTarget', [targetRef.username, targetEdition.organizationType]);
  }
  const prepared = await preparing;
  const targetDescribes = prepared.targetDescribes ?? prepared.sourceDescribes;
  const specs = buildObjectSpecs(
    prepared.template,
    prepared.plan,
    (name) => prepared.sourceDescribes.get(name)!,
    (name) => targetDescribes.get(name)!
  );
  ahead ??= startReadsAhead(prepared.file, sourceReads, targetReads, { syncType: input.syncType });
  const problems = await preflight(specs, sourceReads, targetReads, ahead.recordTypes, ahead.validationRules);
  const blocking = problems.filter((problem) => problem.blocking);
  if (input.failOnBlocking && blocking.length > 0) {
    const list = blocking.map((problem) => `- ${problem.what} Fix: ${problem.fix}`).join('\n');
    const error = messages.createError('error.PreflightFailed', [blocking.length, list]);
    error.setData({ problems });
    throw error;
  }
  const global = await sourceDescribes.describeGlobal();
  const sourceKeyPrefixes = new Map(
    global.sobjects.filter((sobject) => sobject.keyPrefix).map((sobject) => [sobject.keyPrefix as string, sobject.name])
  );
  const users = await runningUser;
  if (users.length === 0) throw messages.createError('error.TargetUserNotFound', [targetRef.username]);
  return {
    prepared,
    specs,
    source,
    target,
    sourceRef,
    targetRef,
    sourceKeyPrefixes,
    targetUserId: String(users[0].Id),
    targetEdition,
    preflight: problems,
    ahead,
  };
}

function orgRef(org: Org): OrgRef {
  const connection = org.getConnection();
  return { orgId: org.getOrgId(), username: org.getUsername() ?? '', instanceUrl: connection.instanceUrl };
}
