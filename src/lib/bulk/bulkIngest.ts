/**
 * Bulk API 2.0 ingest for the sync engine: writes records through one or more jobs and returns the outcome
 * of every record, keyed by the caller's record key. Everything that would make results unattributable
 * (no correlation column, duplicate or empty correlation values) is refused before any call is made.
 */
import type { TextOrgApi } from '../api/orgApi.js';
import { CorrelationIndex, correlationColumn } from './correlationIndex.js';
import { encodeRecords } from './csvEncode.js';
import { DEFAULT_JOB_LIMITS, splitIntoJobs } from './jobSplit.js';
import { runJob } from './jobRun.js';
import type { IngestOutcome, IngestRequest } from './types.js';

export type { IngestOutcome, IngestRecord, IngestRequest, IngestOperation, IngestJobInfo } from './types.js';
export { BulkJobError } from './bulkJobError.js';
export { CorrelationError } from './correlationIndex.js';

/** Jobs run one after the other: callers that want parallel jobs call this once per partition. */
export async function runIngestJob(api: TextOrgApi, request: IngestRequest): Promise<Map<string, IngestOutcome>> {
  const outcomes = new Map<string, IngestOutcome>();
  if (request.records.length === 0) return outcomes;
  const column = correlationColumn(request);
  // Built for its checks (unique keys, one distinct correlation value per record): a mistake must surface
  // before the first job writes anything, not half way through. Each job then gets the index of its slice.
  new CorrelationIndex(column, request.records);
  const encoded = encodeRecords(request.records, request.operation);
  const limits = { ...DEFAULT_JOB_LIMITS, maxRecords: request.maxRecordsPerJob ?? DEFAULT_JOB_LIMITS.maxRecords };
  for (const slice of splitIntoJobs(encoded.headerLine, encoded.lines, limits)) {
    const payload = {
      csv: encoded.headerLine + encoded.lines.slice(slice.start, slice.end).join(''),
      lineEnding: encoded.lineEnding,
      index: new CorrelationIndex(column, request.records.slice(slice.start, slice.end)),
    };
    for (const [key, outcome] of await runJob(api, request, payload, outcomes)) outcomes.set(key, outcome);
  }
  return outcomes;
}
