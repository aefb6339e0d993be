/**
 * Query job resources after creation: job info, abort, delete, and the paged CSV results
 * (`maxRecords`, `locator`; `Sforce-Locator` is the string `null` on the last page).
 */
import type { EmulatorRequest, EmulatorResponse } from '../http/types.js';
import {
  abortFinishedJob,
  deleteUnfinishedJob,
  invalidLocator,
  invalidMaxRecords,
  invalidStateChange,
  queryResultsNotReady,
  versionMismatch,
} from './bulkErrors.js';
import { quoteCell, writeHeaderLine, writeRows } from './csvFormat.js';
import { jsonResponse, queryInfo, stateChangeInfo } from './jobInfo.js';
import { parseJsonObject } from './jobRequest.js';
import type { JobStore } from './jobStore.js';
import { decodeLocator, encodeLocator } from './locator.js';
import { TERMINAL_STATES, type BulkDeps, type QueryJob } from './types.js';

export function queryJobInfo(job: QueryJob): EmulatorResponse {
  return jsonResponse(200, queryInfo(job));
}

export function abortQueryJob(job: QueryJob, req: EmulatorRequest, deps: BulkDeps): EmulatorResponse {
  const body = parseJsonObject(req.body);
  if (!body.ok) return body.response;
  if (body.value.state !== 'Aborted') return invalidStateChange(job.state, body.value.state);
  // The guide: only UploadComplete and InProgress query jobs can be aborted.
  if (job.state !== 'UploadComplete' && job.state !== 'InProgress') return abortFinishedJob();
  job.state = 'Aborted';
  job.systemModstamp = deps.now();
  return jsonResponse(200, stateChangeInfo(job));
}

export function deleteQueryJob(job: QueryJob, store: JobStore): EmulatorResponse {
  if (!TERMINAL_STATES.includes(job.state)) return deleteUnfinishedJob();
  store.remove(job.id);
  return { status: 204 };
}

type Page = { offset: number; size: number };

function readPage(job: QueryJob, req: EmulatorRequest): Page | EmulatorResponse {
  const locator = req.query.get('locator');
  const offset = locator === null ? 0 : decodeLocator(locator);
  if (offset === undefined || offset > job.rows.length) return invalidLocator();
  const maxRecords = req.query.get('maxRecords');
  if (maxRecords === null) return { offset, size: job.rows.length - offset };
  if (!/^[1-9]\d*$/.test(maxRecords)) return invalidMaxRecords(maxRecords);
  return { offset, size: Number(maxRecords) };
}

export function queryResults(job: QueryJob, req: EmulatorRequest): EmulatorResponse {
  if (job.state !== 'JobComplete') return queryResultsNotReady(job.state);
  if (req.apiVersion !== job.apiVersion) return versionMismatch(job.apiVersion);
  const page = readPage(job, req);
  if ('status' in page) return page;
  const rows = job.rows.slice(page.offset, page.offset + page.size);
  const next = page.offset + rows.length;
  // A query without rows answers an empty body, not a lone header line.
  const body = rows.length === 0 ? '' : writeHeaderLine(job.columns.map(quoteCell), job) + writeRows(rows, job);
  return {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=UTF-8',
      'Sforce-Locator': next < job.rows.length ? encodeLocator(next) : 'null',
      'Sforce-NumberOfRecords': String(rows.length),
    },
    body,
  };
}
