/**
 * sObject Collections (`composite/sobjects`): create, update, upsert by external id, delete and retrieve up
 * to 200 records per call. Records of several types are written in runs of the same type, all-or-none
 * across the whole call when asked, as Salesforce does.
 */
import { allowsDuplicateSave } from './duplicateRuleHeader.js';
import { parseJsonBody } from '../http/body.js';
import { notFound } from '../http/router.js';
import { apiError, type EmulatorRequest, type EmulatorResponse } from '../http/types.js';
import { withAllOrNone } from '../org/allOrNone.js';
import type { SaveResult } from '../org/dmlTypes.js';
import { keyPrefixOf, normalizeId } from '../org/ids.js';
import { selectFields, toRestRecord } from './recordJson.js';
import type { RestContext } from './restContext.js';

export const COLLECTION_LIMIT = 200;

type CollectionBody = { allOrNone?: boolean; records?: Array<Record<string, unknown>> };

const tooMany = (): EmulatorResponse =>
  apiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`);

function readCollection(req: EmulatorRequest): { body?: CollectionBody; response?: EmulatorResponse } {
  const parsed = parseJsonBody<CollectionBody>(req.body);
  if (!parsed.ok) return { response: parsed.response };
  const body = parsed.value;
  if (!body || typeof body !== 'object' || !Array.isArray(body.records)) {
    return { response: apiError(400, 'INVALID_FIELD', "The request body must contain a 'records' array.") };
  }
  if (body.records.length > COLLECTION_LIMIT) return { response: tooMany() };
  return { body };
}

function typeOf(record: Record<string, unknown>): string | undefined {
  const attributes = record.attributes as { type?: unknown } | undefined;
  return typeof attributes?.type === 'string' ? attributes.type : undefined;
}

const unknownType = (type: string | undefined): SaveResult => ({
  id: null,
  success: false,
  errors: [{ statusCode: 'INVALID_TYPE', message: type ? `sObject type '${type}' is not supported.` : 'sObject type is not specified.', fields: [] }],
});

/** Writes consecutive records of one type together; the call as a whole is all-or-none if asked. */
function writeByType(
  ctx: RestContext,
  body: CollectionBody,
  write: (objectName: string, records: Array<Record<string, unknown>>) => SaveResult[]
): SaveResult[] {
  const records = body.records!;
  return withAllOrNone(ctx.org.store.journal, body.allOrNone === true, () => {
    const results: SaveResult[] = [];
    let start = 0;
    while (start < records.length) {
      const type = typeOf(records[start]);
      let end = start + 1;
      while (end < records.length && typeOf(records[end]) === type) end++;
      const info = type ? ctx.org.schema.object(type) : undefined;
      const chunk = records.slice(start, end);
      results.push(...(info ? write(info.name, chunk) : chunk.map(() => unknownType(type))));
      start = end;
    }
    return results;
  });
}

export function createCollection(req: EmulatorRequest, ctx: RestContext): EmulatorResponse {
  const { body, response } = readCollection(req);
  if (!body) return response!;
  const results = writeByType(ctx, body, (objectName, records) =>
    ctx.org.engine.insert(objectName, records, { allOrNone: false, allowSave: allowsDuplicateSave(req.headers) })
  );
  return { status: 200, body: results };
}

export function updateCollection(req: EmulatorRequest, ctx: RestContext): EmulatorResponse {
  const { body, response } = readCollection(req);
  if (!body) return response!;
  const results = writeByType(ctx, body, (objectName, records) =>
    ctx.org.engine.update(objectName, records, { allOrNone: false, allowSave: allowsDuplicateSave(req.headers) })
  );
  return { status: 200, body: results };
}

export function upsertCollection(req: EmulatorRequest, ctx: RestContext, [objectName, fieldName]: string[]): EmulatorResponse {
  const info = ctx.org.schema.object(objectName);
  if (!info) return notFound();
  const field = info.fieldsByLowerName.get(fieldName.toLowerCase());
  if (!field || !(field.type === 'id' || field.externalId || field.idLookup)) {
    return apiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${fieldName}`);
  }
  const { body, response } = readCollection(req);
  if (!body) return response!;
  const results = ctx.org.engine.upsert(info.name, field.name, body.records!, {
    allOrNone: body.allOrNone === true,
    allowSave: allowsDuplicateSave(req.headers),
  });
  return { status: 200, body: results };
}

export function deleteCollection(req: EmulatorRequest, ctx: RestContext): EmulatorResponse {
  const ids = (req.query.get('ids') ?? '').split(',').filter((id) => id !== '');
  if (ids.length === 0) return apiError(400, 'MISSING_ARGUMENT', 'ids parameter is required');
  if (ids.length > COLLECTION_LIMIT) return tooMany();
  const allOrNone = req.query.get('allOrNone') === 'true';
  return { status: 200, body: ctx.org.engine.delete(ids, { allOrNone }) };
}

/** `GET composite/sobjects/{T}?ids=&fields=` (or POST with `{ids, fields}`): null for ids not found. */
export function retrieveCollection(req: EmulatorRequest, ctx: RestContext, [objectName]: string[]): EmulatorResponse {
  const info = ctx.org.schema.object(objectName);
  if (!info) return notFound();
  let ids = (req.query.get('ids') ?? '').split(',').filter((id) => id !== '');
  let fieldList = req.query.get('fields');
  if (req.method === 'POST') {
    const parsed = parseJsonBody<{ ids?: string[]; fields?: string[] }>(req.body);
    if (!parsed.ok) return parsed.response;
    ids = parsed.value.ids ?? [];
    fieldList = (parsed.value.fields ?? []).join(',');
  }
  if (ids.length > 2000) return tooMany();
  const { fields, bad } = selectFields(info, fieldList);
  if (bad) return apiError(400, 'INVALID_FIELD', `No such column '${bad}' on sobject of type ${info.name}`);
  if (!fields) return apiError(400, 'MISSING_ARGUMENT', 'fields parameter is required');
  const records = ids.map((text) => {
    const id = normalizeId(text);
    const found = id && keyPrefixOf(id) === info.keyPrefix ? ctx.org.store.get(id) : undefined;
    return found && !found.record.IsDeleted ? toRestRecord(info, found.record, req.apiVersion, fields) : null;
  });
  return { status: 200, body: records };
}
