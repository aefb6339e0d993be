import type { ObjectSyncSpec } from '../transform/recordTransformer.js';

/** The source SOQL of an object: Id, its fields, its match key fields, with the template's filter. */
export function buildSourceQuery(spec: ObjectSyncSpec): string {
  const { object } = spec;
  const fields = new Set(['Id', ...spec.fields.map((field) => field.name), ...spec.deferredLookups, ...object.matchBy.source]);
  let soql = `SELECT ${[...fields].join(', ')} FROM ${object.name}`;
  if (object.where) soql += ` WHERE ${object.where}`;
  if (object.orderBy) soql += ` ORDER BY ${object.orderBy}`;
  if (object.limit !== undefined) soql += ` LIMIT ${object.limit}`;
  return soql;
}
