/**
 * Boots one emulated org on loopback from fully resolved parts (schema, SOQL engine, seeding), so tests
 * can start an org from any schema. `index.ts` wraps it with the defaults (default schema, datasets).
 */
import { createBulkApi } from './bulk/index.js';
import { type ApexTestSuite, apexTestSuite, DEFAULT_APEX_TESTS } from './deploy/apexTests.js';
import { DEFAULT_DEPLOY_TIMING, DeployQueue, type DeployTiming } from './deploy/deployQueue.js';
import { deployRequestObject } from './deploy/deployRequestObject.js';
import { FaultInjector } from './faults/faultInjector.js';
import { type FaultConfig, NO_FAULTS } from './faults/faultSpec.js';
import { OrgApp } from './http/app.js';
import { type CostModel, FREE } from './http/costModel.js';
import { listen } from './http/server.js';
import { Stats, type StatsSnapshot } from './http/stats.js';
import type { Edition } from './org/identity.js';
import { releaseIdentity } from './org/identity.js';
import type { ConditionCompiler } from './org/orgContext.js';
import { OrgState } from './org/orgState.js';
import type { SeedTarget } from './datasets/types.js';
import { ApiUsage } from './rest/apiUsage.js';
import { QueryCursors } from './rest/queryCursors.js';
import type { SchemaDef } from './schema/model.js';
import type { SoqlDataSource, SoqlOptions, SoqlResult } from './soql/types.js';

export type SoqlRunner = (soql: string, source: SoqlDataSource, options: SoqlOptions) => SoqlResult;

export type ResolvedOrgOptions = Partial<CostModel> & {
  port?: number;
  schema: SchemaDef;
  runSoql: SoqlRunner;
  conditionCompiler?: (source: SoqlDataSource) => ConditionCompiler;
  /** Fills the org at boot and on `POST /__emulator/reset?data=true`. */
  seed?: (target: SeedTarget) => void;
  /** Age of the seeded data: its audit stamps are moved this many days back after seeding (default 0). */
  seedAgeDays?: number;
  edition?: Edition;
  username?: string;
  /** Seed for identity derivation (the dataset seed). */
  identitySeed?: number;
  faults?: FaultConfig;
  /** The org's clock (default: the real one); tests move it to age the recycle bin or replication windows. */
  now?: () => Date;
  /** The org's modelled Apex tests, run by deploys in production (default 5 passing tests, 80% coverage). */
  apexTests?: Partial<ApexTestSuite>;
  /** How long a Metadata deploy waits and runs (default queuedMs 100, runMs 200 plus latencyMs, testMs 25 per test). */
  deployTiming?: Partial<DeployTiming>;
};

export type EmulatedOrg = {
  instanceUrl: string;
  accessToken: string;
  username: string;
  orgId: string;
  userId: string;
  /** In-process state: read and count records directly in tests. */
  org: OrgState;
  stats: () => StatsSnapshot;
  stop: () => Promise<void>;
};

export async function startEmulatedOrg(options: ResolvedOrgOptions): Promise<EmulatedOrg> {
  const org = new OrgState({
    schema: options.schema,
    edition: options.edition,
    username: options.username,
    seed: options.identitySeed,
    conditionCompiler: options.conditionCompiler,
    now: options.now,
  });
  const seed = (): void => {
    options.seed?.(org.seedTarget);
    org.backdateAuditStamps(options.seedAgeDays ?? 0);
  };
  seed();
  const stats = new Stats();
  org.engine.onWrite((operation, records) => stats.written(operation, records));
  const usage = new ApiUsage(org.identity.edition);
  const faults = new FaultInjector(options.faults ?? NO_FAULTS);
  usage.setLimit(options.faults?.dailyLimitAfter);
  org.setLockFault((id) => faults.lockFault(id));
  const costs: CostModel = { ...FREE, ...stripUndefined(options) };
  const cursors = new QueryCursors(() => org.identity.ids.next('01g'));
  const runSoql = (soql: string, soqlOptions: SoqlOptions): SoqlResult => options.runSoql(soql, org.source, soqlOptions);
  // REST `/query` also sees the data API's automation objects; Bulk query jobs read the org's objects only.
  const runRestSoql = (soql: string, soqlOptions: SoqlOptions): SoqlResult => options.runSoql(soql, org.querySource, soqlOptions);
  const runToolingSoql = (soql: string, soqlOptions: SoqlOptions): SoqlResult => options.runSoql(soql, org.toolingSource, soqlOptions);
  const initialApexTests = apexTestSuite(DEFAULT_APEX_TESTS, options.apexTests ?? {});
  const deploys = new DeployQueue({
    org,
    latencyMs: () => costs.latencyMs,
    timing: {
      queuedMs: options.deployTiming?.queuedMs ?? DEFAULT_DEPLOY_TIMING.queuedMs,
      runMs: options.deployTiming?.runMs ?? DEFAULT_DEPLOY_TIMING.runMs,
      testMs: options.deployTiming?.testMs ?? DEFAULT_DEPLOY_TIMING.testMs,
    },
    apexTests: initialApexTests,
  });
  org.addToolingObject(deployRequestObject(() => deploys.all()));
  let instanceUrl = '';
  const bulk = createBulkApi({
    dml: org.engine,
    query: (soql, includeDeleted, planOnly, shapeLater) => runSoql(soql, { includeDeleted, apiVersion: '62.0', planOnly, shapeLater }),
    describeObject: (name) => org.source.describeObject(name),
    userId: org.userId,
    count: (kind) => stats.count(kind),
    now: () => org.now(),
    perRecordMs: costs.perRecordMs,
  });
  const app = new OrgApp({
    org,
    runSoql: runRestSoql,
    runToolingSoql,
    cursors,
    stats,
    usage,
    bulk,
    costs,
    faults,
    deploys,
    instanceUrl: () => instanceUrl,
    reset: (data) => {
      stats.reset();
      usage.reset();
      faults.resetCounters();
      cursors.clear();
      bulk.reset();
      deploys.reset(data ? initialApexTests : undefined);
      if (data) {
        org.clearData();
        seed();
      }
    },
  });
  const running = await listen(app, options.port ?? 0);
  instanceUrl = `http://127.0.0.1:${running.port}`;
  return {
    instanceUrl,
    accessToken: org.identity.accessToken,
    username: org.identity.username,
    orgId: org.orgId,
    userId: org.userId,
    org,
    stats: () => stats.snapshot(),
    stop: async () => {
      bulk.reset();
      deploys.reset();
      await running.close();
      releaseIdentity(org.identity);
    },
  };
}

function stripUndefined(options: Partial<CostModel>): Partial<CostModel> {
  const costs: Partial<CostModel> = {};
  if (options.latencyMs !== undefined) costs.latencyMs = options.latencyMs;
  if (options.perRecordMs !== undefined) costs.perRecordMs = options.perRecordMs;
  if (options.maxConcurrent !== undefined) costs.maxConcurrent = options.maxConcurrent;
  return costs;
}
