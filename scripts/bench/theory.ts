/**
 * What the data and the cost model allow at best, to read a tool's figures against: the fewest API calls
 * that can move the data, and the highest throughput the emulated orgs can accept.
 */
import type { CostModel } from './options.js';

/** Salesforce's sObject Collections limit: records per write request. */
export const RECORDS_PER_WRITE = 200;
/** Rows per query page (the emulator's and Salesforce's default batch). */
export const ROWS_PER_QUERY_PAGE = 2_000;

/**
 * The fewest calls that copy `recordsByObject` into an empty org: each object read in full pages (one at
 * least, even when empty) and inserted 200 records a request. A lower bound: describes, the target-side
 * match queries and the updates that close lookup cycles come on top.
 */
export function minimumCalls(recordsByObject: Record<string, number>): number {
  return Object.values(recordsByObject).reduce(
    (sum, records) => sum + Math.max(1, Math.ceil(records / ROWS_PER_QUERY_PAGE)) + Math.ceil(records / RECORDS_PER_WRITE),
    0
  );
}

/**
 * The most records a second the target accepts: `maxConcurrent` requests in flight, each holding its slot
 * `perRecordMs` per record (latency ignored, as a tool can hide it behind concurrency). Infinity when the
 * model puts no cost on records or no cap on concurrency.
 */
export function throughputCeiling(model: CostModel): number {
  if (model.perRecordMs <= 0 || model.maxConcurrent <= 0) return Number.POSITIVE_INFINITY;
  return (model.maxConcurrent * 1000) / model.perRecordMs;
}
