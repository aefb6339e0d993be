import { soqlString } from '../api/soqlLiterals.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';

/**
 * The source SOQL of an object: Id, its fields, its match key fields, with the template's filter; with `ids`,
 * only those records (a retry re-reads the records that failed, which may have been fixed since).
 */
export function buildSourceQuery(spec: ObjectSyncSpec, ids?: readonly string[], phase?: string): string {
  const { object } = spec;
  const fields = new Set(['Id', ...spec.fields.map((field) => field.name), ...spec.deferredLookups, ...(object.matchBy?.source ?? [])]);
  let soql = `SELECT ${[...fields].join(', ')} FROM ${object.name}`;
  const filters = [object.where ? `(${object.where})` : '', phase ?? '', ids ? `Id IN (${ids.map(soqlString).join(',')})` : ''].filter(Boolean);
  if (filters.length > 0) soql += ` WHERE ${filters.join(' AND ')}`;
  if (object.orderBy) soql += ` ORDER BY ${object.orderBy}`;
  if (object.limit !== undefined) soql += ` LIMIT ${object.limit}`;
  return soql;
}

/**
 * Objects whose records depend on other records of the same object by a platform rule rather than a lookup,
 * loaded in phases (each phase settled before the next starts). A custom price needs the product's standard
 * price first (STANDARD_PRICE_NOT_DEFINED otherwise).
 */
export const LOAD_PHASES: Readonly<Record<string, readonly string[]>> = {
  PricebookEntry: ['Pricebook2.IsStandard = true', 'Pricebook2.IsStandard = false'],
};

/** `SELECT COUNT() FROM X WHERE …` of an object's source query (ORDER BY and LIMIT do not change a count). */
export function buildCountQuery(spec: ObjectSyncSpec): string {
  const select = buildSourceQuery(spec);
  const from = select.indexOf(` FROM ${spec.object.name}`);
  return `SELECT COUNT()${select.slice(from).replace(/ ORDER BY .*$/, '').replace(/ LIMIT \d+$/, '')}`;
}
