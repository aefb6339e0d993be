/**
 * Reading field values from stored records, through parent hops, and turning them into values that
 * compare the way Salesforce compares them (text case-insensitively, ids in either length, dates and
 * dateTimes in time order).
 */
import { parseDate, parseDateTime } from './dateLiterals.js';
import type { ValueKind } from './fieldKinds.js';
import { canonicalId } from './ids.js';
import type { Hop, ResolvedPath } from './resolver.js';
import type { SoqlDataSource, StoredRecord } from './types.js';

/** A value in comparable form; null for a blank field (Salesforce stores '' as null). */
export type Comparable = string | number | boolean | null;

export type RecordReader = (record: StoredRecord) => unknown;

/** The parent record a hop leads to, with its actual object (which differs per row when polymorphic). */
export function followHop(record: StoredRecord, hop: Hop, source: SoqlDataSource): { objectName: string; record: StoredRecord } | undefined {
  const parentId = record[hop.referenceField.name];
  if (typeof parentId !== 'string' || parentId === '') return undefined;
  return source.getById(parentId);
}

/** Reads the path's raw stored value (null when any parent on the way is missing). */
export function pathReader(resolved: ResolvedPath, source: SoqlDataSource): RecordReader {
  const { hops, field } = resolved;
  const name = field.name;
  if (hops.length === 0) return (record) => record[name] ?? null;
  return (record) => {
    let current: StoredRecord | undefined = record;
    for (const hop of hops) {
      current = followHop(current, hop, source)?.record;
      if (!current) return null;
    }
    return current[name] ?? null;
  };
}

/** Stored values are JSON scalars; a compound one (address, location) is an object. */
export function textOf(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return JSON.stringify(raw);
}

/** A stored JSON value in comparable form for a field of `kind`. */
export function comparableOf(kind: ValueKind, raw: unknown): Comparable {
  if (raw === null || raw === undefined || raw === '') return null;
  switch (kind) {
    case 'text':
    case 'multipicklist':
      return textOf(raw).toLowerCase();
    case 'id':
      return canonicalId(textOf(raw)) ?? textOf(raw);
    case 'number':
      return typeof raw === 'number' ? raw : Number(raw);
    case 'boolean':
      return raw === true || raw === 'true';
    case 'date':
      return parseDate(textOf(raw)) ?? null;
    case 'datetime':
      return parseDateTime(textOf(raw)) ?? null;
    default:
      return textOf(raw);
  }
}
