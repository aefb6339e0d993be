/**
 * The Tooling API routes the emulator serves (`/services/data/vNN.N/tooling/...`): `query` over the
 * automation setup objects (with Tooling's rule that `Metadata`/`FullName` may only be read one row at a
 * time), `sobjects/<Type>/<Id>` GET (the columns plus `FullName` and `Metadata`) and PATCH (switching
 * validation rules, flows and workflow rules), and the refusal of Apex and schema saves in production orgs.
 */
import { patchAutomation } from '../automation/metadataPatch.js';
import { parseJsonBody } from '../http/body.js';
import { notFound } from '../http/router.js';
import { apiError, type EmulatorRequest, type EmulatorResponse } from '../http/types.js';
import { normalizeId } from '../org/ids.js';
import { SoqlError } from '../soql/types.js';
import { batchSizeOf } from './query.js';
import type { RestContext } from './restContext.js';

/** Types Tooling cannot save in an "active organization" (production), reference §0. */
const NOT_IN_PRODUCTION = ['apexclass', 'apexcomponent', 'apexpage', 'apextrigger', 'customfield', 'customobject'];

const ONE_ROW_COLUMNS = ['Metadata', 'FullName'];

/** Rows' `attributes.url` point at Tooling's sobjects resource (nested parents too). */
function toToolingUrls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toToolingUrls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'attributes' && inner && typeof inner === 'object') {
      const attributes = inner as { url?: string };
      out[key] = attributes.url ? { ...attributes, url: attributes.url.replace(/\/sobjects\//, '/tooling/sobjects/') } : attributes;
    } else out[key] = key === 'Metadata' ? inner : toToolingUrls(inner);
  }
  return out;
}

function refusedInProduction(ctx: RestContext, type: string): EmulatorResponse | undefined {
  if (ctx.org.identity.edition !== 'production' || !NOT_IN_PRODUCTION.includes(type.toLowerCase())) return undefined;
  return apiError(400, 'INVALID_OPERATION', 'Save or update not supported in active organizations', []);
}

export function toolingQuery(req: EmulatorRequest, ctx: RestContext): EmulatorResponse {
  const soql = req.query.get('q');
  if (soql === null || soql.trim() === '') return apiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  try {
    const result = ctx.runToolingSoql(soql, { includeDeleted: false, apiVersion: req.apiVersion });
    if (result.totalSize > 1 && result.columns.some((column) => ONE_ROW_COLUMNS.includes(column))) {
      return apiError(
        400,
        'MALFORMED_QUERY',
        `When retrieving results with Metadata or FullName fields, the query qualifications must specify no more than one row for retrieval. Result size: ${result.totalSize}`
      );
    }
    const records = toToolingUrls(result.records) as Array<Record<string, unknown>>;
    return { status: 200, body: ctx.cursors.firstPage(records, result.totalSize, batchSizeOf(req.headers['sforce-query-options']), req.apiVersion) };
  } catch (e) {
    if (e instanceof SoqlError) return apiError(400, e.errorCode, e.message);
    throw e;
  }
}

export function toolingGet(req: EmulatorRequest, ctx: RestContext, [type, idText]: string[]): EmulatorResponse {
  const described = ctx.org.toolingSource.describeObject(type);
  const id = normalizeId(idText);
  if (!described || !id) return notFound();
  const columns = described.fields.map((field) => field.name).join(', ');
  const result = ctx.runToolingSoql(`SELECT ${columns} FROM ${described.name} WHERE Id = '${id}'`, { includeDeleted: false, apiVersion: req.apiVersion });
  if (result.totalSize === 0) return notFound();
  return { status: 200, body: toToolingUrls(result.records[0]) as object };
}

export function toolingPatch(req: EmulatorRequest, ctx: RestContext, [type, idText]: string[]): EmulatorResponse {
  const refusal = refusedInProduction(ctx, type);
  if (refusal) return refusal;
  const described = ctx.org.toolingSource.describeObject(type);
  const found = ctx.org.automation.byId(idText);
  if (!described || !found || found.kind.toLowerCase() !== described.name.toLowerCase()) return notFound();
  if (found.kind === 'ApexTrigger') {
    return apiError(
      400,
      'INVALID_OPERATION',
      'The emulator does not save Apex triggers through the Tooling API: deploy the trigger with status Inactive (Metadata API)',
      []
    );
  }
  const parsed = parseJsonBody<unknown>(req.body);
  if (!parsed.ok) return parsed.response;
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return apiError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of SObject from START_ARRAY value');
  }
  const objectName = 'objectName' in found.item ? found.item.objectName : undefined;
  const info = objectName === undefined ? undefined : ctx.org.schema.object(objectName);
  const outcome = patchAutomation(found, parsed.value as Record<string, unknown>, ctx.org.automation, info);
  if (!outcome.ok) return apiError(outcome.status, outcome.error.statusCode, outcome.error.message, outcome.error.fields);
  return { status: 204 };
}

/** `POST /tooling/sobjects/<Type>`: only the production refusal is emulated; creating automation is not. */
export function toolingCreate(_req: EmulatorRequest, ctx: RestContext, [type]: string[]): EmulatorResponse {
  const refusal = refusedInProduction(ctx, type);
  if (refusal) return refusal;
  if (!ctx.org.toolingSource.describeObject(type)) return notFound();
  return apiError(400, 'INVALID_OPERATION', `The emulator does not create ${type} records through the Tooling API`, []);
}
