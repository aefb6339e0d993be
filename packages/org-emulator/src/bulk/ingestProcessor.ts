/**
 * Background processing of a closed ingest job: UploadComplete -> InProgress -> JobComplete, or Failed when
 * the upload cannot be processed (bad header, bad CSV). Rows go to the DML engine 200 at a time, and the job
 * waits `perRecordMs` per record between chunks so clients see it in progress and can abort it; rows not
 * reached by then are the job's unprocessed records.
 */
import { planColumns, type ColumnPlan } from './columnPlan.js';
import { writeChunk } from './chunkWriter.js';
import { InvalidCsvError, parseUpload } from './csvFormat.js';
import type { JobStore } from './jobStore.js';
import type { BulkDeps, IngestJob, JobState } from './types.js';

export const CHUNK_SIZE = 200;

export function setState(job: IngestJob, state: JobState, deps: BulkDeps): void {
  job.state = state;
  job.systemModstamp = deps.now();
}

function parseInto(job: IngestJob): { header: string[]; rows: string[][] } {
  const parsed = parseUpload(job.upload ?? '', job);
  job.header = parsed.header;
  job.rows = parsed.rows;
  return parsed;
}

/** The upload's rows, parsed once; an unparsable upload has none. */
export function uploadedRows(job: IngestJob): { header: string[]; rows: string[][] } {
  if (job.header && job.rows) return { header: job.header, rows: job.rows };
  try {
    return parseInto(job);
  } catch (error) {
    if (!(error instanceof InvalidCsvError)) throw error;
    job.header = [];
    job.rows = [];
    return { header: [], rows: [] };
  }
}

function planJob(job: IngestJob, deps: BulkDeps): ColumnPlan[] {
  const parsed = parseInto(job);
  const object = deps.describeObject(job.object);
  if (!object) throw new InvalidCsvError(`InvalidJob : Unable to find object: ${job.object}`);
  return planColumns(parsed.header, object, (name) => deps.describeObject(name));
}

function fail(job: IngestJob, message: string, deps: BulkDeps): void {
  job.errorMessage = message;
  setState(job, 'Failed', deps);
}

async function runChunks(job: IngestJob, plans: ColumnPlan[], store: JobStore, deps: BulkDeps): Promise<void> {
  const started = deps.now().getTime();
  const rows = job.rows ?? [];
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    const outcomes = writeChunk(job, plans, rows.slice(start, start + CHUNK_SIZE), deps);
    job.outcomes.push(...outcomes);
    job.numberRecordsProcessed += outcomes.length;
    job.numberRecordsFailed += outcomes.filter((outcome) => !outcome.success).length;
    job.totalProcessingTime = deps.now().getTime() - started;
    job.systemModstamp = deps.now();
    const keepGoing = await store.pacer.pause(outcomes.length * deps.perRecordMs);
    if (!keepGoing || !store.holds(job) || job.state !== 'InProgress') return;
  }
  setState(job, 'JobComplete', deps);
}

export async function processIngestJob(job: IngestJob, store: JobStore, deps: BulkDeps): Promise<void> {
  // Let the close request answer UploadComplete before anything changes.
  if (!(await store.pacer.pause(0)) || !store.holds(job) || job.state !== 'UploadComplete') return;
  try {
    let plans: ColumnPlan[];
    try {
      plans = planJob(job, deps);
    } catch (error) {
      if (error instanceof InvalidCsvError) return fail(job, error.message, deps);
      throw error;
    }
    setState(job, 'InProgress', deps);
    await runChunks(job, plans, store, deps);
  } catch (error) {
    // A defect elsewhere in the emulator must not crash the server; Salesforce's catch-all code is Unknown.
    fail(job, `Unknown : ${(error as Error).message}`, deps);
  }
}
