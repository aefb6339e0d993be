import { COLLECTIONS_PER_COMPOSITE } from '../api/compositeCollections.js';
import { BULK_BATCH_SIZE, restBatchSize } from '../load/writeBatches.js';
import { SALESFORCE_LIMITS } from '../api/salesforceLimits.js';

/** Ingest jobs the run keeps in flight across objects (more only while an object has none of its own out). */
const BULK_JOBS_IN_RUN = 2;
/** Rows per source query page (REST keyset pages; a Bulk query's first page). */
export const PAGE_SIZE = SALESFORCE_LIMITS.queryPageRows;
/** Pages of source rows the run holds for parents of other objects (see ParentArrivals). */
export const HELD_PAGES_IN_RUN = 4;

/** Every bound of a run that follows from `--concurrency`: worked out here, and nowhere else. */
export type RunKnobs = {
  /** The most requests the run has in flight per org (the per-org gate's ceiling). */
  requestsPerOrg: number;
  /** REST write batches that may wait for the Composite packer, so that it can fill each request it sends. */
  queuedBatches: number;
  /** Records per REST write batch: the template's batchSize, at most what sObject Collections take. */
  batchSize: number;
  /** Batches one object may have in flight or queued before it stops reading its source. */
  maxInflightBatches: number;
  /** Records in REST batches across objects: enough for every slot to carry a full Composite request. */
  maxRestRecordsInFlight: number;
  /** Records in Bulk ingest jobs across objects. */
  maxBulkRecordsInFlight: number;
};

/**
 * `--concurrency N` means one thing: the most requests the run has in flight per org. The engine's other
 * bounds are derived from it (and the template's batch size) here, so that they stay in step.
 */
export function runKnobs(concurrency: number, templateBatchSize: number): RunKnobs {
  const requestsPerOrg = Math.max(1, concurrency);
  const batchSize = restBatchSize(templateBatchSize);
  return {
    requestsPerOrg,
    queuedBatches: requestsPerOrg * COLLECTIONS_PER_COMPOSITE,
    batchSize,
    maxInflightBatches: Math.max(4, 2 * requestsPerOrg),
    maxRestRecordsInFlight: requestsPerOrg * COLLECTIONS_PER_COMPOSITE * batchSize,
    maxBulkRecordsInFlight: BULK_JOBS_IN_RUN * BULK_BATCH_SIZE,
  };
}
