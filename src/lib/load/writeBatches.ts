/**
 * How the engine cuts an object's writes into requests, in one place for the engine and for what projects
 * its API calls (the API budget): REST batches of the template's `batchSize` (at most the 200 records of an
 * sObject Collection), or Bulk API 2.0 ingest jobs of `BULK_BATCH_SIZE` records for large objects whose
 * Bulk results can be paired with their records.
 */
import { MAX_COLLECTION_SIZE } from '../api/collections.js';
import { pollOptionsOf } from '../bulk/jobRun.js';
import { pollsWithin } from '../bulk/jobPolling.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';

/** Records per Bulk API 2.0 batch: several ingest jobs of this size run side by side under the limiter. */
export const BULK_BATCH_SIZE = 10_000;

/** Records per REST write (and per deferred-pass update): the template's `batchSize`, at most a collection's. */
export function restBatchSize(templateBatchSize: number): number {
  return Math.min(MAX_COLLECTION_SIZE, templateBatchSize);
}

/**
 * Whether an object with this many source records (its `where`, not its `limit`) is written by Bulk ingest
 * jobs, when the run may use Bulk at all (not a dry run). Bulk results come back unordered and are paired
 * with records by a column unique per record, so it needs a single-field match key other than Id; a retry's
 * records stay on REST collections.
 */
export function writesInBulk(spec: ObjectSyncSpec, sourceRecords: number, bulkThreshold: number): boolean {
  const key = spec.object.matchBy?.target;
  if (spec.onlySourceIds || !key || key.length !== 1 || key[0] === 'Id') return false;
  return sourceRecords >= bulkThreshold;
}

/**
 * API calls of one ingest job of `records` records: create, upload, close, its polls, and the three result
 * files. The job is assumed to run a millisecond per record (Salesforce gives no figure).
 */
export function bulkWriteJobCalls(records: number): number {
  return 3 + pollsWithin(Math.max(1000, records), pollOptionsOf({})) + 3;
}
