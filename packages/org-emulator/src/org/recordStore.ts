/**
 * In-memory record storage: one Map per object (insertion order = query scan order), plus indexes
 * (`recordIndexes.ts`): by value for external id, idLookup and unique fields, and by parent id for
 * reference fields. Records are plain objects holding only the fields that were set, so a million of them
 * fit in memory; nothing here copies a record on read.
 */
import type { ObjectInfo, SchemaIndex } from './schemaIndex.js';
import type { StoredRecord } from '../soql/types.js';
import { keyPrefixOf } from './ids.js';
import { Journal } from './journal.js';
import { FieldIndex, indexKey, isIndexedField } from './recordIndexes.js';

class ObjectTable {
  public readonly records = new Map<string, StoredRecord>();
  /** Value indexes by field name. Deleted records stay indexed (queryAll finds them by key); DML lookups filter them out. */
  public readonly indexes = new Map<string, FieldIndex>();
  /** Parent indexes by reference field name: child ids by parent id, deleted children included. */
  public readonly children = new Map<string, FieldIndex>();
  /** Both kinds, by field name, for index upkeep on writes. */
  public readonly byField = new Map<string, FieldIndex[]>();
  /** Whether every record was inserted with an Id above the ones before it (so the scan runs in Id order). */
  public inIdOrder = true;
  private lastId = '';

  public constructor(info: ObjectInfo, parentKey: (value: unknown) => string | undefined) {
    for (const field of info.def.fields) {
      const kept: FieldIndex[] = [];
      if (isIndexedField(field)) {
        const index = new FieldIndex(field, (value) => indexKey(field, value));
        this.indexes.set(field.name, index);
        kept.push(index);
      }
      if (field.type === 'reference') {
        const index = new FieldIndex(field, parentKey);
        this.children.set(field.name, index);
        kept.push(index);
      }
      if (kept.length > 0) this.byField.set(field.name, kept);
    }
  }

  /** Notes an inserted Id. Ids are case-correct, so their 15-character forms compare as ORDER BY Id does. */
  public noteInsertedId(id: string): void {
    const id15 = id.slice(0, 15);
    if (id15 <= this.lastId) this.inIdOrder = false;
    else this.lastId = id15;
  }

  public index(record: StoredRecord, fieldNames?: Iterable<string>): void {
    for (const index of this.affected(fieldNames)) index.add(record);
  }

  public unindex(record: StoredRecord, fieldNames?: Iterable<string>): void {
    for (const index of this.affected(fieldNames)) index.remove(record);
  }

  private *affected(fieldNames: Iterable<string> | undefined): Iterable<FieldIndex> {
    if (fieldNames === undefined) {
      for (const indexes of this.byField.values()) yield* indexes;
      return;
    }
    for (const name of fieldNames) {
      const indexes = this.byField.get(name);
      if (indexes) yield* indexes;
    }
  }
}

export class RecordStore {
  public readonly journal = new Journal();
  private readonly tables = new Map<string, ObjectTable>();
  private readonly parentKey: (value: unknown) => string | undefined;

  public constructor(private readonly schema: SchemaIndex) {
    // Only ids of deletable objects are filed as parents: nothing ever asks for the children of a User or a
    // RecordType, and leaving out OwnerId/CreatedById keeps the index small at a million records.
    this.parentKey = (value: unknown): string | undefined =>
      typeof value === 'string' && schema.objectByPrefix(keyPrefixOf(value))?.def.header.deletable ? value : undefined;
    for (const info of schema.allObjects()) this.tables.set(info.name, new ObjectTable(info, this.parentKey));
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
    return this.recordsOf(table, index.ids(value), includeDeleted);
  }

  public isIndexed(objectName: string, fieldName: string): boolean {
    return this.table(objectName)?.indexes.has(this.canonicalField(objectName, fieldName)) ?? false;
  }

  /**
   * Records of `objectName` whose reference field holds `parentId` (18 chars; live ones unless asked), or
   * undefined when the field is no reference or the parent's object cannot be deleted (not indexed).
   */
  public findChildren(objectName: string, fieldName: string, parentId: string, includeDeleted = false): StoredRecord[] | undefined {
    const table = this.table(objectName);
    const index = table?.children.get(this.canonicalField(objectName, fieldName));
    if (!table || !index || !this.schema.objectByPrefix(keyPrefixOf(parentId))?.def.header.deletable) return undefined;
    return this.recordsOf(table, index.ids(parentId), includeDeleted);
  }

  /**
   * Whether `scan` yields the object's records in ascending Id order: true while every insert came with a
   * higher Id than those before (as the emulator allocates them), so `ORDER BY Id` needs no sort.
   */
  public scansInIdOrder(objectName: string): boolean {
    return this.table(objectName)?.inIdOrder ?? false;
  }

  public insert(objectName: string, record: StoredRecord): void {
    const table = this.requireTable(objectName);
    table.noteInsertedId(record.Id);
    table.records.set(record.Id, record);
    table.index(record);
    this.journal.record(() => {
      table.unindex(record);
      table.records.delete(record.Id);
    });
  }

  /** Applies field changes in place (the record object keeps its identity, so no copy per write). */
  public update(objectName: string, id: string, changes: Record<string, unknown>): void {
    const table = this.requireTable(objectName);
    const record = table.records.get(id);
    if (!record) throw new Error(`no ${objectName} record ${id}`);
    const previous: Record<string, unknown> = {};
    const changed = Object.keys(changes);
    for (const key of changed) previous[key] = record[key];
    table.unindex(record, changed);
    for (const key of changed) {
      const value = changes[key];
      if (value === null || value === undefined) delete record[key];
      else record[key] = value;
    }
    table.index(record, changed);
    this.journal.record(() => {
      table.unindex(record, changed);
      for (const key of changed) {
        const value = previous[key];
        if (value === undefined) delete record[key];
        else record[key] = value;
      }
      table.index(record, changed);
    });
  }

  /** Removes a record for good (hard delete, or emptying the recycle bin). */
  public purge(objectName: string, id: string): void {
    const table = this.requireTable(objectName);
    const record = table.records.get(id);
    if (!record) return;
    table.unindex(record);
    table.records.delete(id);
    this.journal.record(() => {
      table.records.set(id, record);
      table.index(record);
    });
  }

  /**
   * Re-reads an object's fields after a metadata change: indexes for the fields it has now (an external id or
   * lookup a deploy added), every record indexed again. Records keep values of fields no longer shown.
   */
  public refreshTable(info: ObjectInfo): void {
    const old = this.tables.get(info.name);
    const table = new ObjectTable(info, this.parentKey);
    if (old) {
      for (const record of old.records.values()) {
        table.noteInsertedId(record.Id);
        table.records.set(record.Id, record);
        table.index(record);
      }
    }
    this.tables.set(info.name, table);
  }

  public clear(): void {
    for (const table of this.tables.values()) {
      table.records.clear();
      for (const indexes of table.byField.values()) for (const index of indexes) index.clear();
    }
  }

  private recordsOf(table: ObjectTable, ids: string[], includeDeleted: boolean): StoredRecord[] {
    const records = ids.map((id) => table.records.get(id)!);
    return includeDeleted ? records : records.filter((r) => !r.IsDeleted);
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
}
