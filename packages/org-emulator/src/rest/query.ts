/**
 * `query` and `queryAll`: run SOQL through the engine and page the rows (2,000 by default,
 * `Sforce-Query-Options: batchSize=N` within 200..2,000), continuing with `query/<locator>-<offset>`.
 * With `columns=true` the answer is the query's column metadata instead (see queryColumns.ts).
 */
import { apiError, type EmulatorRequest, type EmulatorResponse } from '../http/types.js';
import { SoqlError } from '../soql/types.js';
import { queryColumns } from './queryColumns.js';
import type { RestContext } from './restContext.js';

export const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;

/** Salesforce treats batchSize as a hint inside 200..2000. */
export function batchSizeOf(header: string | undefined): number {
  const requested = /batchSize\s*=\s*(\d+)/i.exec(header ?? '')?.[1];
  if (requested === undefined) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(requested)));
}

function runQuery(req: EmulatorRequest, ctx: RestContext, includeDeleted: boolean): EmulatorResponse {
  const soql = req.query.get('q');
  if (soql === null || soql.trim() === '') return apiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  try {
    const result = ctx.runSoql(soql, { includeDeleted, apiVersion: req.apiVersion });
    if (req.query.get('columns') === 'true') return { status: 200, body: queryColumns(soql, ctx.org.schema) };
    const page = ctx.cursors.firstPage(result.records, result.totalSize, batchSizeOf(req.headers['sforce-query-options']), req.apiVersion);
    return { status: 200, body: page };
  } catch (e) {
    if (e instanceof SoqlError) return apiError(400, e.errorCode, e.message);
    throw e;
  }
}

export function query(req: EmulatorRequest, ctx: RestContext): EmulatorResponse {
  return runQuery(req, ctx, false);
}

export function queryAll(req: EmulatorRequest, ctx: RestContext): EmulatorResponse {
  return runQuery(req, ctx, true);
}

/** `GET query/<locator>-<offset>` (also under queryAll). */
export function queryMore(req: EmulatorRequest, ctx: RestContext, [locator, offset]: string[]): EmulatorResponse {
  const page = ctx.cursors.page(locator, Number(offset), req.apiVersion);
  if (!page) return apiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  return { status: 200, body: page };
}
