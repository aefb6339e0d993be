/**
 * In-memory record storage: one Map per object (insertion order = query scan order), plus value indexes
 * for Id-like lookups on external id, idLookup and unique fields. Records are plain objects holding only
 * the fields that were set, so a million of them fit in memory; nothing here copies a record on read.
 */
import type { FieldDescribe } from '../schema/model.js';
import type { StoredRecord } from '../soql/types.js';
import { textOf } from './dmlErrors.js';
import { Journal } from './journal.js';
import { keyPrefixOf } from './ids.js';
import type { SchemaIndex } from './schemaIndex.js';

/** Text compare key for an indexed field: case-insensitive unless the field says it is case-sensitive. */
export function indexKey(field: FieldDescribe, value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const text = textOf(value);
  return field.caseSensitive ? text : text.toLowerCase();
}

/** A field is indexed when Salesforce can look records up by it (upsert keys) or enforces uniqueness on it. */
export function isIndexedField(field: FieldDescribe): boolean {
  return field.type !== 'id' && (field.externalId || field.unique || field.idLookup);
}

type ValueIndex = Map<string, string | string[]>;

class ObjectTable {
  public readonly records = new Map<string, StoredRecord>();
  /** Deleted records stay indexed (queryAll finds them by key); DML lookups filter them out. */
  public readonly indexes = new Map<string, { field: FieldDescribe; values: ValueIndex }>();

  public constructor(fields: FieldDescribe[]) {
    for (const field of fields) {
      if (isIndexedField(field)) this.indexes.set(field.name, { field, values: new Map() });
    }
  }
}

function addToIndex(values: ValueIndex, key: string, id: string): void {
  const current = values.get(key);
  if (current === undefined) values.set(key, id);
  else if (typeof current === 'string') values.set(key, [current, id]);
  else current.push(id);
}

function removeFromIndex(values: ValueIndex, key: string, id: string): void {
  const current = values.get(key);
  if (current === id) values.delete(key);
  else if (Array.isArray(current)) {
    const rest = current.filter((x) => x !== id);
    if (rest.length === 1) values.set(key, rest[0]);
    else values.set(key, rest);
  }
}

export class RecordStore {
  public readonly journal = new Journal();
  private readonly tables = new Map<string, ObjectTable>();

  public constructor(private readonly schema: SchemaIndex) {
    for (const info of schema.allObjects()) this.tables.set(info.name, new ObjectTable(info.def.fields));
  }

  public count(objectName: string, includeDeleted = false): number {
    const table = this.table(objectName);
    if (!table) return 0;
    if (includeDeleted) return table.records.size;
    let n = 0;
    for (const record of table.records.values()) if (!record.IsDeleted) n++;
    return n;
  }

  public *scan(objectName: string, includeDeleted: boolean): Iterable<StoredRecord> {
    const table = this.table(objectName);
    if (!table) return;
    for (const record of table.records.values()) if (includeDeleted || !record.IsDeleted) yield record;
  }

  /** Any record by 18-char id, deleted or not. */
  public get(id: string): { objectName: string; record: StoredRecord } | undefined {
    const info = this.schema.objectByPrefix(keyPrefixOf(id));
    if (!info) return undefined;
    const record = this.tables.get(info.name)?.records.get(id);
    return record ? { objectName: info.name, record } : undefined;
  }

  /** Records whose indexed field equals the value (live ones unless asked); undefined when not indexed. */
  public findByIndex(objectName: string, fieldName: string, value: unknown, includeDeleted = false): StoredRecord[] | undefined {
    const table = this.table(objectName);
    const index = table?.indexes.get(this.canonicalField(objectName, fieldName));
    if (!table || !index) return undefined;
    const key = indexKey(index.field, value);
    const hit = key === undefined ? undefined : index.values.get(key);
    if (hit === undefined) return [];
    const ids = typeof hit === 'string' ? [hit] : hit;
    const records = ids.map((id) => table.records.get(id)!);
    return includeDeleted ? records : records.filter((r) => !r.IsDeleted);
  }

  public isIndexed(objectName: string, fieldName: string): boolean {
    return this.table(objectName)?.indexes.has(this.canonicalField(objectName, fieldName)) ?? false;
  }

  public insert(objectName: string, record: StoredRecord): void {
    const table = this.requireTable(objectName);
    table.records.set(record.Id, record);
    this.index(table, record);
    this.journal.record(() => {
      this.unindex(table, record);
      table.records.delete(record.Id);
    });
  }

  /** Applies field changes in place (the record object keeps its identity, so no copy per write). */
  public update(objectName: string, id: string, changes: Record<string, unknown>): void {
    const table = this.requireTable(objectName);
    const record = table.records.get(id);
    if (!record) throw new Error(`no ${objectName} record ${id}`);
    const previous: Record<string, unknown> = {};
    for (const key of Object.keys(changes)) previous[key] = record[key];
    this.unindex(table, record);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined) delete record[key];
      else record[key] = value;
    }
    this.index(table, record);
    this.journal.record(() => {
      this.unindex(table, record);
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete record[key];
        else record[key] = value;
      }
      this.index(table, record);
    });
  }

  /** Removes a record for good (hard delete, or emptying the recycle bin). */
  public purge(objectName: string, id: string): void {
    const table = this.requireTable(objectName);
    const record = table.records.get(id);
    if (!record) return;
    this.unindex(table, record);
    table.records.delete(id);
    this.journal.record(() => {
      table.records.set(id, record);
      this.index(table, record);
    });
  }

  public clear(): void {
    for (const table of this.tables.values()) {
      table.records.clear();
      for (const index of table.indexes.values()) index.values.clear();
    }
  }

  private canonicalField(objectName: string, fieldName: string): string {
    return this.schema.field(objectName, fieldName)?.name ?? fieldName;
  }

  private table(objectName: string): ObjectTable | undefined {
    const info = this.schema.object(objectName);
    return info ? this.tables.get(info.name) : undefined;
  }

  private requireTable(objectName: string): ObjectTable {
    const table = this.table(objectName);
    if (!table) throw new Error(`no such object ${objectName}`);
    return table;
  }

  private index(table: ObjectTable, record: StoredRecord): void {
    for (const [name, { field, values }] of table.indexes) {
      const key = indexKey(field, record[name]);
      if (key !== undefined) addToIndex(values, key, record.Id);
    }
  }

  private unindex(table: ObjectTable, record: StoredRecord): void {
    for (const [name, { field, values }] of table.indexes) {
      const key = indexKey(field, record[name]);
      if (key !== undefined) removeFromIndex(values, key, record.Id);
    }
  }
}
