/**
 * The ingest job resources after creation: upload (`PUT …/batches`), close or abort (`PATCH`), job info,
 * delete, and the three result files.
 */
import type { EmulatorRequest, EmulatorResponse } from '../http/types.js';
import { abortFinishedJob, deleteUnfinishedJob, invalidStateChange, jobNotOpen, resultsNotReady, secondUpload, uploadTooLarge } from './bulkErrors.js';
import { ingestInfo, jsonResponse, stateChangeInfo } from './jobInfo.js';
import { parseJsonObject } from './jobRequest.js';
import type { JobStore } from './jobStore.js';
import { processIngestJob, setState } from './ingestProcessor.js';
import { failedResultsCsv, successfulResultsCsv, unprocessedRecordsCsv } from './ingestResults.js';
import { TERMINAL_STATES, type BulkDeps, type IngestJob, type JobState } from './types.js';

/** Salesforce's limit: 150 MB of base64-encoded CSV per job. */
export const MAX_UPLOAD_BASE64_BYTES = 150 * 1024 * 1024;

export function exceedsUploadLimit(csv: string): boolean {
  return Math.ceil(Buffer.byteLength(csv, 'utf8') / 3) * 4 > MAX_UPLOAD_BASE64_BYTES;
}

export function uploadJobData(job: IngestJob, req: EmulatorRequest): EmulatorResponse {
  if (job.upload !== undefined) return secondUpload(job.id);
  if (job.state !== 'Open') return jobNotOpen(job.state);
  if (exceedsUploadLimit(req.body)) return uploadTooLarge();
  job.upload = req.body;
  return { status: 201 };
}

const ABORTABLE: readonly JobState[] = ['Open', 'UploadComplete', 'InProgress'];

export function changeIngestState(job: IngestJob, req: EmulatorRequest, store: JobStore, deps: BulkDeps): EmulatorResponse {
  const body = parseJsonObject(req.body);
  if (!body.ok) return body.response;
  const wanted = body.value.state;
  if (wanted === 'UploadComplete' && job.state === 'Open') {
    setState(job, 'UploadComplete', deps);
    void processIngestJob(job, store, deps);
    return jsonResponse(200, stateChangeInfo(job));
  }
  if (wanted === 'Aborted') {
    if (!ABORTABLE.includes(job.state)) return abortFinishedJob();
    setState(job, 'Aborted', deps);
    return jsonResponse(200, stateChangeInfo(job));
  }
  return invalidStateChange(job.state, wanted);
}

export function ingestJobInfo(job: IngestJob): EmulatorResponse {
  return jsonResponse(200, ingestInfo(job));
}

const DELETABLE: readonly JobState[] = ['UploadComplete', 'JobComplete', 'Aborted', 'Failed'];

export function deleteIngestJob(job: IngestJob, store: JobStore): EmulatorResponse {
  if (!DELETABLE.includes(job.state)) return deleteUnfinishedJob();
  store.remove(job.id);
  return { status: 204 };
}

export const RESULT_FILES = {
  successfulResults: successfulResultsCsv,
  failedResults: failedResultsCsv,
  unprocessedrecords: unprocessedRecordsCsv,
} as const;

export type ResultFile = keyof typeof RESULT_FILES;

export function ingestResults(job: IngestJob, file: ResultFile): EmulatorResponse {
  if (!TERMINAL_STATES.includes(job.state)) return resultsNotReady(job.state);
  return { status: 200, headers: { 'content-type': 'text/csv; charset=UTF-8' }, body: RESULT_FILES[file](job) };
}
