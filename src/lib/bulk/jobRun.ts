/**
 * One ingest job from start to results: create, upload, close, wait, download, correlate. Failures are
 * reported as `BulkJobError` with what the caller needs to decide about the job's records.
 */
import { DEFAULT_BACKOFF } from '../api/backoff.js';
import type { TextOrgApi } from '../api/orgApi.js';
import { BulkJobError } from './bulkJobError.js';
import { correlateResults, type ResultFiles } from './correlate.js';
import type { CorrelationIndex } from './correlationIndex.js';
import type { LineEnding } from './csvEncode.js';
import { abortJob, closeJob, createJob, getResultFile, uploadJobData, type ResultFileName } from './ingestJobApi.js';
import { waitForJob, type PollOptions } from './jobPolling.js';
import { parseResultCsv, type ResultRow } from './resultCsv.js';
import { withReadRetry } from '../api/withRetry.js';
import type { IngestOutcome, IngestRequest } from './types.js';

export type JobPayload = { csv: string; lineEnding: LineEnding; index: CorrelationIndex };

/** A 10,000-record job usually finishes within minutes; past this it is aborted and its results collected. */
const DEFAULT_TIMEOUT_MS = 20 * 60_000;

/** The polling settings of an ingest request, or of a query request (which carries the same ones). */
export type PollSettings = Pick<IngestRequest, 'pollIntervalMs' | 'maxPollIntervalMs' | 'timeoutMs' | 'retry' | 'onPoll'>;

export function pollOptionsOf(request: PollSettings): PollOptions {
  const pollIntervalMs = request.pollIntervalMs ?? 1000;
  return {
    pollIntervalMs,
    maxPollIntervalMs: Math.max(pollIntervalMs, request.maxPollIntervalMs ?? 10_000),
    timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: request.retry ?? DEFAULT_BACKOFF,
    onPoll: request.onPoll,
  };
}

async function downloadResults(api: TextOrgApi, jobId: string, options: PollOptions): Promise<ResultFiles> {
  const read = (file: ResultFileName): Promise<ResultRow[]> =>
    withReadRetry(() => getResultFile(api, jobId, file), options.retry).then(parseResultCsv);
  const [successful, failed, unprocessed] = await Promise.all([
    read('successfulResults'),
    read('failedResults'),
    read('unprocessedrecords'),
  ]);
  return { successful, failed, unprocessed };
}

/** An open job whose upload failed would wait 24 hours for Salesforce to close it; abort it now if possible. */
async function abortQuietly(api: TextOrgApi, jobId: string): Promise<void> {
  await abortJob(api, jobId).catch(() => undefined);
}

export async function runJob(
  api: TextOrgApi,
  request: IngestRequest,
  payload: JobPayload,
  settled: Map<string, IngestOutcome>
): Promise<Map<string, IngestOutcome>> {
  const options = pollOptionsOf(request);
  let jobId: string | undefined;
  let mayHaveWritten = false;
  try {
    const job = await createJob(api, {
      object: request.object,
      operation: request.operation,
      externalIdField: request.externalIdField,
      lineEnding: payload.lineEnding,
    });
    jobId = job.id;
    try {
      await uploadJobData(api, job, payload.csv);
    } catch (error) {
      await abortQuietly(api, job.id);
      throw error;
    }
    // From here on Salesforce may process the job, even if the close answer is lost.
    mayHaveWritten = true;
    await closeJob(api, job.id);
    const finished = await waitForJob(api, job.id, options);
    const info = finished.timedOut
      ? { ...finished.info, errorMessage: finished.info.errorMessage ?? `aborted by sf isync after waiting ${options.timeoutMs} ms` }
      : finished.info;
    return correlateResults(info, await downloadResults(api, job.id, options), payload.index);
  } catch (error) {
    const where = jobId ? ` (job ${jobId})` : '';
    const message = error instanceof Error ? error.message : String(error);
    throw new BulkJobError(
      `Bulk API ${request.operation} of ${request.object}${where} failed: ${message}`,
      { jobId, mayHaveWritten, settled: new Map(settled) },
      { cause: error }
    );
  }
}
