import type { OrgApi } from '../api/orgApi.js';
import type { JournalSink } from '../journal/eventLog.js';
import type { JournalEvent } from '../journal/events.js';
import type { ObjectCounts } from '../journal/runMeta.js';
import type { IdMap } from '../transform/idMap.js';
import type { ReferenceResolver } from '../transform/referenceResolver.js';
import type { KeyAlternative } from '../transform/referenceKeys.js';
import type { RecordWriter } from './batchWriter.js';
import type { RecordCounts } from '../run/recordCounts.js';
import type { StartedQueryJob } from '../bulk/queryJob.js';
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
  elapsedMs: number;
};

/** Everything one object's sync shares with the others in a run. */
export type SyncContext = {
  source: OrgApi;
  target: OrgApi;
  writer: RecordWriter;
  journal: JournalSink<JournalEvent>;
  idMap: IdMap;
  /** A resume or retry: target id -> source id of every record the run already holds (see ownMatches). */
  claimedTargets?: IdMap;
  resolver: ReferenceResolver;
  /** Match key of each object, for resolving records outside the sync (built-in references or template keys). */
  keysOf(object: string): KeyAlternative[];
  /** The object a source id belongs to (by key prefix). */
  objectOfId(id: string): string | undefined;
  templateObjects: ReadonlySet<string>;
  targetUserId: string;
  batchSize: number;
  /** Rows per source query page. */
  pageSize: number;
  /** Batches one object may have in flight or queued before it stops reading its source. */
  maxInflightBatches: number;
  /**
   * Records in REST write batches (queued in the limiter or in flight), counted across the objects that run
   * side by side: while it is at `max`, an object with batches of its own in flight stops reading its source,
   * so the run holds about `max` unwritten records instead of `maxInflightBatches` batches per object.
   */
  unwritten: { records: number; max: number };
  /** Bulk API 2.0 for objects with at least `threshold` source records (absent: REST only, e.g. a dry run). */
  bulk?: {
    writer: RecordWriter;
    threshold: number;
    batchSize: number;
    /**
     * Records in Bulk ingest jobs in flight, across the objects on Bulk API: at `max`, an object with a job of
     * its own out sends no other (each job holds its batch of records, and its CSV, until it completes).
     */
    inFlight: { records: number; max: number };
  };
  /** Objects with at least this many source records are read by Bulk API query jobs (dry runs included). */
  bulkReadThreshold?: number;
  /** Bulk query jobs started at the start of the run, by object (see startBulkReads). */
  bulkReads?: Map<string, Promise<StartedQueryJob | undefined>>;
  /** Source and target record counts, asked once at the start of the run. */
  counts: RecordCounts;
  deferred: DeferredLookup[];
  /** Record-level pipelining: children wait here for parents of objects still syncing (absent: none are). */
  arrivals?: ParentArrivals;
  onProgress(progress: ObjectProgress): void;
  onNote(object: string, note: string): void;
  /** A record failed with this error code (counted per object and code for the run's result). */
  onFailure(object: string, code: string): void;
};
