import type { WriteSamples } from '../load/writeSamples.js';
import type { BackoffPolicy } from '../api/backoff.js';
import type { OrgApi } from '../api/orgApi.js';
import type { MigrationPlan } from '../graph/planTypes.js';
import type { ObjectWindow } from '../delta/deltaWindow.js';
import type { ObjectCounts, ObjectSummary, OrgRef, RunSync } from '../journal/runMeta.js';
import type { RunState } from '../journal/runState.js';
import type { RunJournal, RunStore } from '../journal/runStore.js';
import type { RecordCounts } from '../load/recordCounts.js';
import type { RetryScope } from '../retry/retryScope.js';
import type { SyncTemplate } from '../template/syncTemplate.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import type { HistoryLookup } from '../util/historyLookup.js';
import type { RunListener } from './runEvents.js';
import type { AutomationSwitch } from '../automation/automationSwitch.js';
import type { SwitchedItem } from '../automation/automationTypes.js';

export type SyncRunInput = {
  command: 'execute' | 'scan';
  /** A dry run: keeps the first records of each object as they would be sent (`scan --show-sample`). */
  samples?: WriteSamples;
  source: OrgApi;
  target: OrgApi;
  sourceOrg: OrgRef;
  targetOrg: OrgRef;
  template: SyncTemplate;
  templatePath?: string;
  plan: MigrationPlan;
  specs: ObjectSyncSpec[];
  /** Source key prefix -> object name (describeGlobal), to type polymorphic lookups. */
  sourceKeyPrefixes: ReadonlyMap<string, string>;
  targetUserId: string;
  dryRun: boolean;
  concurrency: number;
  /** The id map of earlier runs between the two orgs (history matching); absent: none. */
  history?: HistoryLookup;
  /** Record counts already asked (the API budget asked them first); absent: asked at the start of the run. */
  counts?: RecordCounts;
  store: RunStore;
  /** A retry: append to this run's journal, start from what it already did, redo only what the scope says. */
  continueRun?: { journal: RunJournal; scope: RetryScope };
  listener?: RunListener;
  backoff?: BackoffPolicy;
  /** The run's sync type and how each object's source is read (see deltaSetup); absent: full reads. */
  sync?: { meta: RunSync; windows: ReadonlyMap<string, ObjectWindow> };
  /** Throws RunStop when the run must end as stopped although no request was refused (--stop-on-error). */
  checkStop?(): void;
  /**
   * `--disable-automation`: the items switched off before the first write and back on after the run, however it
   * ends (a dry run switches nothing).
   */
  automation?: { control: AutomationSwitch; requested: string[]; items: SwitchedItem[] };
};

export type SyncRunResult = {
  runId: string;
  state: RunState;
  stateReason?: string;
  objects: ObjectSummary[];
  totals: ObjectCounts;
  deferred: { updated: number; failed: number; unresolved: number };
  notes: Array<{ object: string; note: string; count: number }>;
  /** Failed records by object and error code. */
  failures: Array<{ object: string; code: string; count: number }>;
  journalDir: string;
  /** The automation the run switched off, and what of it is still off (a restore failed). */
  automation?: { switched: SwitchedItem[]; leftOff: SwitchedItem[] };
};
