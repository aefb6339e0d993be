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

/** The most records one request can carry: a Composite call of five 200-record collections. */
export const RECORDS_PER_PACKED_CALL = 5 * RECORDS_PER_WRITE;

/**
 * The most records a second a cost model allows when latency counts (issue 25's ceiling of a grid cell): the
 * lower of what the slots take in record time (`maxConcurrent / perRecordMs`) and what they carry when every
 * request is a full Composite call (`maxConcurrent` calls of 1,000 records, each `latency + 1,000 x perRecord`).
 * Infinity when the model puts no cost on records and no cap on concurrency.
 */
export function cellCeiling(model: CostModel): number {
  if (model.maxConcurrent <= 0) return Number.POSITIVE_INFINITY;
  const byRecords = model.perRecordMs > 0 ? (model.maxConcurrent * 1000) / model.perRecordMs : Number.POSITIVE_INFINITY;
  const callMs = model.latencyMs + RECORDS_PER_PACKED_CALL * model.perRecordMs;
  const byCalls = callMs > 0 ? (model.maxConcurrent * RECORDS_PER_PACKED_CALL * 1000) / callMs : Number.POSITIVE_INFINITY;
  return Math.min(byRecords, byCalls);
}
