/**
 * Stored records in the REST shape: `attributes` first, then the fields (null when unset), with compound
 * address fields assembled from their components as Salesforce returns them.
 */
import { duplicateFindingOf, duplicateRestError } from '../automation/duplicates.js';
import type { FieldDescribe } from '../schema/model.js';
import type { StoredRecord } from '../soql/types.js';
import type { DmlError } from '../org/dmlTypes.js';
import type { ObjectInfo } from '../org/schemaIndex.js';

export function recordUrl(apiVersion: string, objectName: string, id: string): string {
  return `/services/data/v${apiVersion}/sobjects/${objectName}/${id}`;
}

function compoundValue(info: ObjectInfo, field: FieldDescribe, record: StoredRecord): unknown {
  const parts = info.def.fields.filter((f) => f.compoundFieldName === field.name && f.name !== field.name);
  if (parts.every((p) => record[p.name] === undefined)) return null;
  const value: Record<string, unknown> = {};
  const prefix = field.name.replace(/(Address|Location)$/, '');
  for (const part of parts) {
    const key = part.name.slice(prefix.length).replace(/__s$/, '');
    value[key.charAt(0).toLowerCase() + key.slice(1)] = record[part.name] ?? null;
  }
  return value;
}

export function toRestRecord(info: ObjectInfo, record: StoredRecord, apiVersion: string, only?: FieldDescribe[]): Record<string, unknown> {
  const json: Record<string, unknown> = { attributes: { type: info.name, url: recordUrl(apiVersion, info.name, record.Id) } };
  for (const field of only ?? info.def.fields) {
    json[field.name] = field.type === 'address' || field.type === 'location' ? compoundValue(info, field, record) : (record[field.name] ?? null);
  }
  return json;
}

/** A per-record DML error in the top-level REST error shape (`errorCode` instead of `statusCode`). */
/** Single-record REST errors; a duplicate rule's refusal carries its `duplicateResut` (sic) instead of `fields`. */
export function toApiErrors(errors: DmlError[], apiVersion: string): Array<Record<string, unknown>> {
  return errors.map((e) => {
    const duplicate = duplicateFindingOf(e);
    return duplicate ? duplicateRestError(duplicate, apiVersion) : { message: e.message, errorCode: e.statusCode, fields: e.fields };
  });
}

/** Resolves a comma-separated `fields` parameter; the bad name when one does not exist. */
export function selectFields(info: ObjectInfo, list: string | null): { fields?: FieldDescribe[]; bad?: string } {
  if (list === null || list.trim() === '') return {};
  const fields: FieldDescribe[] = [];
  for (const name of list
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '')) {
    const field = info.fieldsByLowerName.get(name.toLowerCase());
    if (!field) return { bad: name };
    fields.push(field);
  }
  return { fields };
}
