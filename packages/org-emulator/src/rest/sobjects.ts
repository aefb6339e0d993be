/**
 * Single-record REST: `sobjects/{T}` POST (create), `sobjects/{T}/{id}` GET/PATCH/DELETE and
 * `sobjects/{T}/{ExtField}/{value}` GET/PATCH (upsert)/DELETE, with Salesforce's status codes.
 */
import { parseJsonBody } from '../http/body.js';
import { notFound } from '../http/router.js';
import { apiError, type EmulatorRequest, type EmulatorResponse } from '../http/types.js';
import { keyPrefixOf, normalizeId } from '../org/ids.js';
import type { DmlOptions } from '../org/dmlTypes.js';
import type { ObjectInfo } from '../org/schemaIndex.js';
import { allowsDuplicateSave } from './duplicateRuleHeader.js';
import type { FieldDescribe } from '../schema/model.js';
import type { StoredRecord } from '../soql/types.js';
import { recordUrl, selectFields, toApiErrors, toRestRecord } from './recordJson.js';
import type { RestContext } from './restContext.js';

const single = { allOrNone: true };

/** A single-record write, with the client's DuplicateRuleHeader. */
function writeOptions(req: EmulatorRequest): DmlOptions {
  return { ...single, allowSave: allowsDuplicateSave(req.headers) };
}

function externalIdNotFound(name: string): EmulatorResponse {
  return apiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
}

function readRecordBody(req: EmulatorRequest): { record?: Record<string, unknown>; response?: EmulatorResponse } {
  const parsed = parseJsonBody<unknown>(req.body);
  if (!parsed.ok) return { response: parsed.response };
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return { response: apiError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of SObject from START_ARRAY value') };
  }
  return { record: parsed.value as Record<string, unknown> };
}

/** The live record an id path segment names, or the 404 Salesforce answers. */
function findRecord(ctx: RestContext, info: ObjectInfo, idText: string): { record?: StoredRecord; response?: EmulatorResponse } {
  const id = normalizeId(idText);
  if (!id || keyPrefixOf(id) !== info.keyPrefix) return { response: externalIdNotFound(idText) };
  const found = ctx.org.store.get(id);
  if (!found) return { response: notFound() };
  if (found.record.IsDeleted) return { response: apiError(404, 'ENTITY_IS_DELETED', 'entity is deleted') };
  return { record: found.record };
}

function objectOr404(ctx: RestContext, name: string): ObjectInfo | undefined {
  return ctx.org.schema.object(name);
}

export function createRecord(req: EmulatorRequest, ctx: RestContext, [objectName]: string[]): EmulatorResponse {
  const info = objectOr404(ctx, objectName);
  if (!info) return notFound();
  const { record, response } = readRecordBody(req);
  if (!record) return response!;
  const [result] = ctx.org.engine.insert(info.name, [record], writeOptions(req));
  if (!result.success) return { status: 400, body: toApiErrors(result.errors, req.apiVersion) };
  return { status: 201, headers: { Location: recordUrl(req.apiVersion, info.name, result.id!) }, body: result };
}

export function getRecord(req: EmulatorRequest, ctx: RestContext, [objectName, idText]: string[]): EmulatorResponse {
  const info = objectOr404(ctx, objectName);
  if (!info) return notFound();
  const { record, response } = findRecord(ctx, info, idText);
  if (!record) return response!;
  return recordResponse(req, info, record);
}

function recordResponse(req: EmulatorRequest, info: ObjectInfo, record: StoredRecord): EmulatorResponse {
  const { fields, bad } = selectFields(info, req.query.get('fields'));
  if (bad) return apiError(400, 'INVALID_FIELD', `No such column '${bad}' on sobject of type ${info.name}`);
  return { status: 200, body: toRestRecord(info, record, req.apiVersion, fields) };
}

export function updateRecord(req: EmulatorRequest, ctx: RestContext, [objectName, idText]: string[]): EmulatorResponse {
  const info = objectOr404(ctx, objectName);
  if (!info) return notFound();
  const { record: existing, response } = findRecord(ctx, info, idText);
  if (!existing) return response!;
  const { record, response: bad } = readRecordBody(req);
  if (!record) return bad!;
  const [result] = ctx.org.engine.update(info.name, [{ ...record, Id: existing.Id }], writeOptions(req));
  return result.success ? { status: 204 } : { status: 400, body: toApiErrors(result.errors, req.apiVersion) };
}

export function deleteRecord(req: EmulatorRequest, ctx: RestContext, [objectName, idText]: string[]): EmulatorResponse {
  const info = objectOr404(ctx, objectName);
  if (!info) return notFound();
  const { record, response } = findRecord(ctx, info, idText);
  if (!record) return response!;
  const [result] = ctx.org.engine.delete([record.Id], single);
  return result.success ? { status: 204 } : { status: 400, body: toApiErrors(result.errors, req.apiVersion) };
}

/** Resolves `{T}/{ExtField}/{value}` to the matching live records, or the error response. */
type KeyedLookup = { info?: ObjectInfo; field?: FieldDescribe; matches: StoredRecord[]; response?: EmulatorResponse };

function byExternalId(ctx: RestContext, objectName: string, fieldName: string, value: string): KeyedLookup {
  const info = objectOr404(ctx, objectName);
  if (!info) return { matches: [], response: notFound() };
  const field = info.fieldsByLowerName.get(fieldName.toLowerCase());
  if (!field || !(field.type === 'id' || field.externalId || field.idLookup)) return { matches: [], response: externalIdNotFound(fieldName) };
  if (field.type === 'id') {
    const found = findRecord(ctx, info, value);
    return found.record ? { info, field, matches: [found.record] } : { matches: [], response: found.response };
  }
  return { info, field, matches: ctx.org.store.findByIndex(info.name, field.name, value) ?? [] };
}

function multipleChoices(req: EmulatorRequest, info: ObjectInfo, matches: StoredRecord[]): EmulatorResponse {
  return { status: 300, body: matches.map((r) => recordUrl(req.apiVersion, info.name, r.Id)) };
}

export function getByExternalId(req: EmulatorRequest, ctx: RestContext, [objectName, fieldName, value]: string[]): EmulatorResponse {
  const { info, matches, response } = byExternalId(ctx, objectName, fieldName, value);
  if (!info) return response!;
  if (matches.length === 0) return notFound();
  if (matches.length > 1) return multipleChoices(req, info, matches);
  return recordResponse(req, info, matches[0]);
}

export function deleteByExternalId(req: EmulatorRequest, ctx: RestContext, [objectName, fieldName, value]: string[]): EmulatorResponse {
  const { info, matches, response } = byExternalId(ctx, objectName, fieldName, value);
  if (!info) return response!;
  if (matches.length === 0) return notFound();
  if (matches.length > 1) return multipleChoices(req, info, matches);
  const [result] = ctx.org.engine.delete([matches[0].Id], single);
  return result.success ? { status: 204 } : { status: 400, body: toApiErrors(result.errors, req.apiVersion) };
}

/** `PATCH sobjects/{T}/{ExtField}/{value}`: 201 created, 200 updated (API v46+ body with `created`). */
export function upsertRecord(req: EmulatorRequest, ctx: RestContext, [objectName, fieldName, value]: string[]): EmulatorResponse {
  const { info, field, matches, response } = byExternalId(ctx, objectName, fieldName, value);
  if (!info || !field) return response!;
  if (matches.length > 1) return multipleChoices(req, info, matches);
  const { record, response: bad } = readRecordBody(req);
  if (!record) return bad!;
  const [result] = ctx.org.engine.upsert(info.name, field.name, [{ ...record, [field.name]: value }], writeOptions(req));
  if (!result.success) return { status: 400, body: toApiErrors(result.errors, req.apiVersion) };
  return { status: result.created ? 201 : 200, body: result };
}
