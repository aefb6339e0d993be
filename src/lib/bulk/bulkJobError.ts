import type { IngestOutcome } from './types.js';

/**
 * A Bulk API request that stopped part way. It tells the caller what it can rely on: `settled` holds the
 * outcomes of the jobs that finished before (several jobs per request), `jobId` the job that failed and
 * `mayHaveWritten` whether that job was closed, i.e. whether Salesforce may have written some of its records
 * (false: nothing of it was processed and sending its records again is safe). The cause's error code stays
 * visible to `errorCodeOf`/`classifyFailure` (session expired, daily limit...).
 */
export class BulkJobError extends Error {
  public constructor(
    message: string,
    public readonly details: { jobId?: string; mayHaveWritten: boolean; settled: Map<string, IngestOutcome> },
    options: { cause: unknown }
  ) {
    super(message, options);
    this.name = 'BulkJobError';
  }
}
