import { sobjectIn } from '../util/targetNames.js';
import type { OrgApi } from '../api/orgApi.js';
import type { StartedQueryJob } from '../bulk/queryJob.js';
import type { JournalSink } from '../journal/eventLog.js';
import type { JournalEvent } from '../journal/events.js';
import type { MatchedCounts, ObjectCounts } from '../journal/runMeta.js';
import type { HistoryLookup } from '../util/historyLookup.js';
import type { RecordCounts } from './recordCounts.js';
import type { IdMap } from '../util/idMap.js';
import type { KeyAlternative } from '../transform/referenceKeys.js';
import type { ReferenceResolver } from '../transform/referenceResolver.js';
import type { RecordWriter } from './writeTypes.js';
import type { ParentArrivals } from './parentArrivals.js';

/** A lookup to fill in the update pass, with the value the target record has now. */
export type DeferredLookup = {
  object: string;
  sourceId: string;
  targetId: string;
  field: string;
  sourceParentId: string;
  current: unknown;
};

export type ObjectProgress = {
  object: string;
  status: 'pending' | 'scanning' | 'syncing' | 'done' | 'failed' | 'skipped';
  counts: ObjectCounts;
  /** How the records found so far were matched: by history, by key. */
  matched: MatchedCounts;
  elapsedMs: number;
};

/** What a run is set to do: plain data, fixed before it starts (see syncRun's createEngineRun). */
export type RunConfig = Readonly<{
  /** All the template's objects, including those a retry leaves alone: their records are in the id map. */
  templateObjects: ReadonlySet<string>;
  /** Template objects matched neither by key nor by history (`"matchBy": false`): found only among the run's inserts. */
  insertOnlyObjects: ReadonlySet<string>;
  /** Template objects that load into a target object of another name (`"target"`): template name -> target name. */
  targetNames: ReadonlyMap<string, string>;
  /** The running user in the target (owner fallback, creator of what the run inserts). */
  targetUserId: string;
  /** Records per REST write batch (sObject Collections take at most 200). */
  batchSize: number;
  /** Rows per source query page. */
  pageSize: number;
  /** Batches one object may have in flight or queued before it stops reading its source. */
  maxInflightBatches: number;
  /** Bulk API 2.0 ingest for objects with at least `threshold` source records (absent: REST only, e.g. a dry run). */
  bulk?: Readonly<{ threshold: number; batchSize: number }>;
  /** Objects with at least this many source records are read by Bulk API query jobs (dry runs included). */
  bulkReadThreshold?: number;
}>;

/** What a run works with: the orgs, the writers, the journal, and what answers questions about records. */
export type RunServices = Readonly<{
  source: OrgApi;
  target: OrgApi;
  /** REST collections (or the dry-run simulator). */
  writer: RecordWriter;
  /** Bulk API 2.0 ingest jobs, when `RunConfig.bulk` is set. */
  bulkWriter?: RecordWriter;
  journal: JournalSink<JournalEvent>;
  resolver: ReferenceResolver;
  /** Match key of each object, for resolving records outside the sync (built-in references or template keys). */
  keysOf(object: string): KeyAlternative[];
  /** Source id -> target id of earlier runs between the same two orgs (history matching; empty on a first run). */
  history: HistoryLookup;
  /** The object a source id belongs to (by key prefix). */
  objectOfId(id: string): string | undefined;
  /** Source and target record counts, asked once at the start of the run. */
  counts: RecordCounts;
  /** Bulk query jobs started when the run starts, by object (see startBulkReads): filled then. */
  bulkReads: Map<string, Promise<StartedQueryJob | undefined>>;
}>;

/** A count of records in flight across the objects that run side by side, and the most the run allows. */
export type InFlight = { records: number; readonly max: number };

/** What the objects of a run share while it runs; each part has one owner, named here. */
export type SharedRunState = {
  /** Source id -> target id of every record the run holds (written, matched, or known from its journal). */
  readonly idMap: IdMap;
  /** A resume or retry: target id -> source id of the records the run already holds (see ownMatches). */
  readonly claimedTargets?: IdMap;
  /** Lookups to fill in the update pass (see runDeferredPass, which takes them out as it fills them). */
  deferred: DeferredLookup[];
  /** Record-level pipelining: children wait here for parents of objects still syncing (absent: none can). */
  readonly arrivals?: ParentArrivals;
  /**
   * Records in REST write batches (queued or in flight) and in Bulk ingest jobs, across objects: at its max,
   * an object with writes of its own in flight stops reading its source (see WriteWindow).
   */
  readonly inFlight: { readonly rest: InFlight; readonly bulk: InFlight };
};

/** What the engine tells the run while it works: one stream, fixed when the run is built. */
export type EngineEvent =
  | { type: 'progress'; progress: ObjectProgress }
  | { type: 'note'; object: string; note: string }
  | { type: 'failure'; object: string; code: string };

/** One run of the engine: its configuration, its services, its shared state and where its events go. */
export type EngineRun = Readonly<{
  config: RunConfig;
  services: RunServices;
  state: SharedRunState;
  emit(event: EngineEvent): void;
}>;

/** A write's `sobject`: the target's name of a template object that loads into another one, else nothing. */
export function sobjectOf(config: Pick<RunConfig, 'targetNames'>, object: string): { sobject?: string } {
  return sobjectIn((name) => targetNameOf(config, name), object);
}

/** The name of a template object in the target org. */
export function targetNameOf(config: Pick<RunConfig, 'targetNames'>, object: string): string {
  return config.targetNames.get(object) ?? object;
}
