/**
 * `POST /jobs/query`: Salesforce compiles the query when the job is created and answers 400 with the SOQL
 * error (INVALID_FIELD, MALFORMED_QUERY, …) instead of creating a failing job. The emulator therefore
 * compiles the query at creation (every check, no rows read) and runs it in the background, as the job's
 * work: run at creation, a job of thousands of rows held the org's other requests up for tens of
 * milliseconds. The job then moves UploadComplete -> InProgress -> JobComplete, at `perRowReadMs` per row
 * (default 0: reads are not charged per record, see BulkDeps).
 */
import { apiError, type EmulatorRequest, type EmulatorResponse } from '../http/types.js';
import type { SoqlResult } from '../soql/types.js';
import { compoundFieldNotSupported, invalidProperty, subqueryNotSupported } from './bulkErrors.js';
import { createdQueryInfo, jsonResponse } from './jobInfo.js';
import { parseJsonObject, readCsvOptions, readEnum, type Checked } from './jobRequest.js';
import type { JobStore } from './jobStore.js';
import { hasChildSubquery, queryRowCells } from './queryCells.js';
import { QUERY_OPERATIONS, type BulkDeps, type QueryJob, type QueryOperation } from './types.js';

const COMPOUND_TYPES = new Set(['address', 'location']);

function planQuery(soql: string, includeDeleted: boolean, deps: BulkDeps): Checked<SoqlResult> {
  try {
    return { ok: true, value: deps.query(soql, includeDeleted, true) };
  } catch (error) {
    const { errorCode, message } = error as { errorCode?: unknown; message?: unknown };
    if (typeof errorCode !== 'string') throw error;
    return { ok: false, response: apiError(400, errorCode, String(message)) };
  }
}

function selectsCompoundField(result: SoqlResult, deps: BulkDeps): boolean {
  const fields = deps.describeObject(result.objectName)?.fields ?? [];
  return result.columns.some((column) => fields.some((field) => field.name === column && COMPOUND_TYPES.has(field.type)));
}

/**
 * Rows shaped per turn of the event loop. Salesforce runs query jobs apart from the API's requests; the
 * emulated org has one thread, so a job shaping its ten thousand rows in one go held every request due
 * meanwhile (the first pages of a sync's REST reads came 0.1 s late behind three jobs).
 */
const SHAPE_STEP = 1000;

async function processQueryJob(job: QueryJob, store: JobStore, deps: BulkDeps): Promise<void> {
  const stillRunning = (): boolean => store.holds(job) && job.state !== 'Aborted';
  if (!(await store.pacer.pause(0)) || !stillRunning()) return;
  const fail = (error: unknown): void => {
    // Compiled at creation, so only the unexpected lands here: the job fails, as Salesforce's would.
    job.errorMessage = error instanceof Error ? error.message : String(error);
    job.state = 'Failed';
    job.systemModstamp = deps.now();
  };
  let result: SoqlResult;
  try {
    result = deps.query(job.query, job.operation === 'queryAll', false, true);
  } catch (error) {
    fail(error);
    return;
  }
  job.state = 'InProgress';
  job.systemModstamp = deps.now();
  const started = deps.now().getTime();
  const { rowsBetween } = result;
  const rowsOf = rowsBetween ?? ((from: number, to: number): Array<Record<string, unknown>> => result.records.slice(from, to));
  const total = rowsBetween ? result.totalSize : result.records.length;
  for (let from = 0; from < total; from += SHAPE_STEP) {
    try {
      for (const record of rowsOf(from, from + SHAPE_STEP)) job.rows.push(queryRowCells(record, job.columns));
    } catch (error) {
      fail(error);
      return;
    }
    if (!(await store.pacer.pause(0)) || !stillRunning()) return;
  }
  if (!(await store.pacer.pause(job.rows.length * (deps.perRowReadMs ?? 0))) || !stillRunning()) return;
  job.numberRecordsProcessed = job.rows.length;
  job.totalProcessingTime = deps.now().getTime() - started;
  job.state = 'JobComplete';
  job.systemModstamp = deps.now();
}

export function createQueryJob(req: EmulatorRequest, store: JobStore, deps: BulkDeps): EmulatorResponse {
  const body = parseJsonObject(req.body);
  if (!body.ok) return body.response;
  const operation = readEnum<QueryOperation>(body.value, 'operation', QUERY_OPERATIONS);
  if (!operation.ok) return operation.response;
  const csv = readCsvOptions(body.value);
  if (!csv.ok) return csv.response;
  const soql = body.value.query;
  if (typeof soql !== 'string' || soql.trim() === '') return invalidProperty('query', soql ?? '');
  if (hasChildSubquery(soql)) return subqueryNotSupported();
  const result = planQuery(soql, operation.value === 'queryAll', deps);
  if (!result.ok) return result.response;
  if (selectsCompoundField(result.value, deps)) return compoundFieldNotSupported();

  const now = deps.now();
  const job: QueryJob = {
    kind: 'query',
    id: store.newId(),
    operation: operation.value,
    query: soql,
    object: result.value.objectName,
    createdById: deps.userId,
    createdDate: now,
    systemModstamp: now,
    state: 'UploadComplete',
    apiVersion: req.apiVersion,
    ...csv.value,
    columns: result.value.columns,
    rows: [],
    numberRecordsProcessed: 0,
    totalProcessingTime: 0,
  };
  store.add(job);
  void processQueryJob(job, store, deps);
  return jsonResponse(200, createdQueryInfo(job));
}
