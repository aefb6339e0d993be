/**
 * The record store's secondary indexes, one per indexed field of an object:
 * - value indexes on external id, idLookup and unique fields (upsert keys, uniqueness checks), keyed by the
 *   field's compare key (case-insensitive unless the field is case-sensitive);
 * - parent indexes on reference fields, keyed by the parent's id, so that deleting a record finds its
 *   children (cascade, restrict, lookup clearing) without scanning every child object of a large org.
 * One key usually maps to one id, so a lone id is stored as a string and only shared keys get a Set.
 */
import type { FieldDescribe } from '../schema/model.js';
import type { StoredRecord } from '../soql/types.js';
import { textOf } from './dmlErrors.js';

/** Text compare key for a value-indexed field: case-insensitive unless the field says it is case-sensitive. */
export function indexKey(field: FieldDescribe, value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const text = textOf(value);
  return field.caseSensitive ? text : text.toLowerCase();
}

/** A field is value-indexed when Salesforce can look records up by it (upsert keys) or enforces uniqueness on it. */
export function isIndexedField(field: FieldDescribe): boolean {
  return field.type !== 'id' && (field.externalId || field.unique || field.idLookup);
}

export class FieldIndex {
  private readonly entries = new Map<string, string | Set<string>>();

  /** @param keyOf the key a record is filed under for this field, or undefined to leave it out. */
  public constructor(
    public readonly field: FieldDescribe,
    private readonly keyOf: (value: unknown) => string | undefined
  ) {}

  public add(record: StoredRecord): void {
    const key = this.keyOf(record[this.field.name]);
    if (key === undefined) return;
    const current = this.entries.get(key);
    if (current === undefined) this.entries.set(key, record.Id);
    else if (typeof current === 'string') this.entries.set(key, new Set([current, record.Id]));
    else current.add(record.Id);
  }

  public remove(record: StoredRecord): void {
    const key = this.keyOf(record[this.field.name]);
    if (key === undefined) return;
    const current = this.entries.get(key);
    if (current === record.Id) this.entries.delete(key);
    else if (current instanceof Set) {
      current.delete(record.Id);
      if (current.size === 1) this.entries.set(key, current.values().next().value!);
    }
  }

  /** Ids filed under the key that `value` maps to (deleted records included). */
  public ids(value: unknown): string[] {
    const key = this.keyOf(value);
    const hit = key === undefined ? undefined : this.entries.get(key);
    if (hit === undefined) return [];
    return typeof hit === 'string' ? [hit] : [...hit];
  }

  public clear(): void {
    this.entries.clear();
  }
}
