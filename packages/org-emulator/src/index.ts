/**
 * Local Salesforce org emulator: `startOrg()` boots an org on loopback that speaks the Salesforce REST API
 * (identity, describe, sObjects, collections, composite, query, Bulk 2.0), seeded from a dataset.
 * Several orgs can run in one process, each on its own port with its own ids, username and token.
 */
import { defaultAutomation, installAutomation, seedDataset } from './datasets/index.js';
import type { AutomationName, DatasetName } from './datasets/types.js';
import type { FaultConfig } from './faults/faultSpec.js';
import { parseFaultSpec } from './faults/faultSpec.js';
import type { Edition } from './org/identity.js';
import { type EmulatedOrg, startEmulatedOrg } from './orgServer.js';
import { defaultSchema } from './schema/defaultSchema.js';
import { loadSchemaFile } from './schema/schemaFile.js';
import type { SchemaDef } from './schema/model.js';
import { compileCondition, runSoql } from './soql/index.js';

// The package's public surface: clients import it by name only (`@sf-isync/org-emulator`), never a
// module path inside it, so the modules behind it can move.
export type { EmulatedOrg } from './orgServer.js';
export type { Edition } from './org/identity.js';
export type { AutomationName, DatasetName } from './datasets/types.js';
export type { StatsSnapshot } from './http/stats.js';
export type { StoredRecord } from './soql/types.js';
export type { SchemaDef } from './schema/model.js';
export { defaultSchema } from './schema/defaultSchema.js';
export { SeededRandom } from './datasets/random.js';
export { startOrgInWorker, type RemoteOrg } from './orgInWorker.js';

export type StartOrgOptions = {
  /** 0 or absent = an ephemeral port. */
  port?: number;
  /** Data to seed at boot (default 'empty'). */
  dataset?: DatasetName;
  /**
   * Automation items installed after the data (default: `demo` for the demo dataset, `none` otherwise):
   * `demo` puts the demo's validation rules, flows, trigger, duplicate and workflow rules on any dataset.
   */
  automation?: AutomationName;
  /** Record count for the 'bench' dataset. */
  records?: number;
  /** Seed of the dataset generator (and of identity derivation). */
  seed?: number;
  /**
   * Age in days of the seeded data (default 0: stamped at boot). CreatedDate, LastModifiedDate and
   * SystemModstamp of everything seeded move this far back, as a real org's data is older than a sync's
   * safety margin; e.g. 1 for the demo and the bench.
   */
  seedAgeDays?: number;
  /** The schema, or the path of a schema file; default: the emulator's default schema. */
  schema?: SchemaDef | string;
  latencyMs?: number;
  perRecordMs?: number;
  maxConcurrent?: number;
  /** A fault spec (`lock=0.05,seed=7`, see faults/faultSpec.ts) or a parsed config. */
  faults?: string | FaultConfig;
  edition?: Edition;
  username?: string;
  /** The org's clock (default: the real one). In-process only: a worker org keeps the real clock. */
  now?: () => Date;
  /**
   * The org's modelled Apex tests, which Metadata deploys run (production: by default when the package holds
   * Apex): `count` test methods, `failures` of them failing, `coveragePercent` of every trigger. Default 5, 0, 80.
   */
  apexTests?: { count?: number; failures?: number; coveragePercent?: number };
  /** Modelled deploy time: `queuedMs` (100) before it starts, `runMs` (200) plus latencyMs, `testMs` (25) per test. */
  deployTiming?: { queuedMs?: number; runMs?: number; testMs?: number };
};

export function startOrg(options: StartOrgOptions = {}): Promise<EmulatedOrg> {
  const schema = typeof options.schema === 'string' ? loadSchemaFile(options.schema) : (options.schema ?? defaultSchema());
  const dataset = options.dataset ?? 'empty';
  const automation = options.automation ?? defaultAutomation(dataset);
  return startEmulatedOrg({
    port: options.port,
    schema,
    runSoql,
    conditionCompiler: (source) => (objectName, expr) => compileCondition(objectName, expr, source),
    seed: (target) => {
      seedDataset(dataset, target, { records: options.records, seed: options.seed });
      installAutomation(automation, target);
    },
    seedAgeDays: options.seedAgeDays,
    edition: options.edition,
    username: options.username,
    identitySeed: options.seed,
    latencyMs: options.latencyMs,
    perRecordMs: options.perRecordMs,
    maxConcurrent: options.maxConcurrent,
    faults: typeof options.faults === 'string' ? parseFaultSpec(options.faults) : options.faults,
    now: options.now,
    apexTests: options.apexTests,
    deployTiming: options.deployTiming,
  });
}
