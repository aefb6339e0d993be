/**
 * The org's DmlEngine: per-record validation and writes with Salesforce's results, all-or-none rollback
 * through the store's journal, upsert matching on Id or an external id, and cascading deletes.
 */
import type { StoredRecord } from '../soql/types.js';
import type { DmlEngine, DmlError, DmlOptions, SaveResult, UpsertResult } from './dmlTypes.js';
import { withAllOrNone } from './allOrNone.js';
import { deleteWithCascade } from './deleteCascade.js';
import { dmlErrors, RecordError, textOf } from './dmlErrors.js';
import { keyPrefixOf, normalizeId } from './ids.js';
import type { OrgContext } from './orgContext.js';
import { indexKey } from './recordIndexes.js';
import { RecordWriter } from './recordWriter.js';
import { undeleteWithCascade } from './undelete.js';

export type DmlOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';

/** Receives the number of records each call committed, for stats and the per-record cost model. */
export type WriteListener = (operation: DmlOperation, records: number) => void;

function failure(errors: DmlError[]): SaveResult {
  return { id: null, success: false, errors };
}

function caughtErrors(e: unknown): DmlError[] {
  if (e instanceof RecordError) return e.errors;
  throw e;
}

function valueOf(record: Record<string, unknown>, fieldName: string): unknown {
  const key = Object.keys(record).find((k) => k.toLowerCase() === fieldName.toLowerCase());
  return key === undefined ? undefined : record[key];
}

export class OrgDmlEngine implements DmlEngine {
  private readonly listeners: WriteListener[] = [];

  public constructor(
    private readonly ctx: OrgContext,
    private readonly writer: RecordWriter
  ) {}

  public onWrite(listener: WriteListener): void {
    this.listeners.push(listener);
  }

  public insert(objectName: string, records: Array<Record<string, unknown>>, options: DmlOptions): SaveResult[] {
    return this.inTransaction('insert', options, () => records.map((raw) => this.perRecord(() => this.insertOne(objectName, raw, options))));
  }

  public update(objectName: string, records: Array<Record<string, unknown>>, options: DmlOptions): SaveResult[] {
    return this.inTransaction('update', options, () =>
      records.map((raw) => this.perRecord(() => this.updateOne(objectName, valueOf(raw, 'Id'), raw, options)))
    );
  }

  public upsert(objectName: string, externalIdField: string, records: Array<Record<string, unknown>>, options: DmlOptions): UpsertResult[] {
    const info = this.writer.objectInfo(objectName);
    const keyField = info.fieldsByLowerName.get(externalIdField.toLowerCase());
    if (!keyField || !(keyField.type === 'id' || keyField.externalId || keyField.idLookup)) {
      throw new Error(`${externalIdField} is not an external id field of ${info.name}`);
    }
    const duplicates = this.duplicateKeys(records, keyField.name, (v) => indexKey(keyField, v));
    return this.inTransaction('upsert', options, () =>
      records.map((raw) => {
        const value = valueOf(raw, keyField.name);
        const key = keyField.type === 'id' ? undefined : indexKey(keyField, value);
        if (key !== undefined && duplicates.has(key)) {
          return { ...failure([dmlErrors.duplicateExternalIdInBatch(textOf(value))]), created: false };
        }
        let created = false;
        const result = this.perRecord(() => {
          const match = this.findUpsertMatch(info.name, keyField.name, keyField.type === 'id', value);
          created = match === undefined;
          return match === undefined ? this.insertOne(info.name, this.withoutId(raw), options) : this.updateOne(info.name, match, raw, options);
        });
        return { ...result, created: result.success && created };
      })
    );
  }

  /**
   * Each id is its own unit, in order: its cascade is deleted with it, and a restricted child fails just
   * that record (or the whole call with allOrNone). An id named twice fails the second time.
   */
  public delete(ids: string[], options: DmlOptions & { hard?: boolean }): SaveResult[] {
    const hard = options.hard === true;
    return this.inTransaction('delete', options, () => {
      const done = new Set<string>();
      return ids.map((value) =>
        this.perRecord(() => {
          if (done.has(normalizeId(value) ?? value)) throw new RecordError([dmlErrors.entityIsDeleted()]);
          const { id, objectName } = this.checkDeletable(value, hard);
          done.add(id);
          deleteWithCascade(this.ctx, id, objectName, hard);
          return id;
        })
      );
    });
  }

  /**
   * SOAP `undelete()`: each id is its own unit, in order, restored with its cascade (see undelete.ts). An id
   * named twice fails the second time, as the record is no longer in the recycle bin.
   */
  public undelete(ids: string[], options: DmlOptions): SaveResult[] {
    return this.inTransaction('undelete', options, () => ids.map((value) => this.perRecord(() => undeleteWithCascade(this.ctx, value))));
  }

  /** Runs a batch; with allOrNone one failure undoes the whole batch and marks the others rolled back. */
  private inTransaction<T extends SaveResult>(operation: DmlOperation, options: DmlOptions, run: () => T[]): T[] {
    const results = withAllOrNone(this.ctx.store.journal, options.allOrNone, run);
    const written = results.filter((r) => r.success).length;
    for (const listener of this.listeners) listener(operation, written);
    return results;
  }

  /** One record is its own unit: a failure undoes whatever it had written. */
  private perRecord(write: () => string): SaveResult {
    const savepoint = this.ctx.store.journal.savepoint();
    try {
      const id = write();
      this.ctx.store.journal.release();
      return { id, success: true, errors: [] };
    } catch (e) {
      this.ctx.store.journal.rollback(savepoint);
      return failure(caughtErrors(e));
    }
  }

  private insertOne(objectName: string, raw: Record<string, unknown>, options: DmlOptions): string {
    const record = this.writer.buildInsert(objectName, raw, { level: 'all', allowSave: options.allowSave });
    this.checkLock(this.parentOf(objectName, record));
    this.ctx.store.insert(this.writer.objectInfo(objectName).name, record);
    return record.Id;
  }

  private updateOne(objectName: string, rawId: unknown, raw: Record<string, unknown>, options: DmlOptions): string {
    const info = this.writer.objectInfo(objectName);
    if (rawId === undefined || rawId === null || rawId === '') {
      throw new RecordError([{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] }]);
    }
    const id = normalizeId(textOf(rawId));
    if (!id || keyPrefixOf(id) !== info.keyPrefix) throw new RecordError([dmlErrors.malformedId(textOf(rawId))]);
    const existing = this.liveRecord(id);
    this.checkLock(id);
    const changes = this.writer.buildUpdate(info.name, existing, raw, { level: 'all', allowSave: options.allowSave });
    this.ctx.store.update(info.name, id, changes);
    return id;
  }

  private liveRecord(id: string): StoredRecord {
    const found = this.ctx.store.get(id);
    if (!found) throw new RecordError([dmlErrors.invalidCrossReference()]);
    if (found.record.IsDeleted) throw new RecordError([dmlErrors.entityIsDeleted()]);
    return found.record;
  }

  private checkDeletable(value: string, hard: boolean): { id: string; objectName: string } {
    const id = normalizeId(value);
    if (!id) throw new RecordError([dmlErrors.malformedId(value)]);
    const found = this.ctx.store.get(id);
    if (!found) throw new RecordError([dmlErrors.invalidCrossReference()]);
    if (found.record.IsDeleted && !hard) throw new RecordError([dmlErrors.entityIsDeleted()]);
    if (!this.ctx.schema.object(found.objectName)!.def.header.deletable) throw new RecordError([dmlErrors.insufficientAccess()]);
    this.checkLock(id);
    return { id, objectName: found.objectName };
  }

  private findUpsertMatch(objectName: string, fieldName: string, byId: boolean, value: unknown): string | undefined {
    if (value === undefined || value === null || value === '') {
      if (byId) return undefined;
      throw new RecordError([{ statusCode: 'MISSING_ARGUMENT', message: `${fieldName} not specified`, fields: [] }]);
    }
    if (byId) {
      const id = normalizeId(textOf(value));
      if (!id) throw new RecordError([dmlErrors.malformedId(textOf(value))]);
      this.liveRecord(id);
      return id;
    }
    const matches = this.ctx.store.findByIndex(objectName, fieldName, value) ?? [];
    if (matches.length > 1)
      throw new RecordError([
        dmlErrors.duplicateExternalIdMatches(
          fieldName,
          matches.map((r) => r.Id)
        ),
      ]);
    return matches[0]?.Id;
  }

  private withoutId(raw: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(raw).filter(([k]) => k.toLowerCase() !== 'id'));
  }

  /** Keys that appear more than once in one upsert call: Salesforce fails every such record. */
  private duplicateKeys(records: Array<Record<string, unknown>>, fieldName: string, key: (v: unknown) => string | undefined): Set<string> {
    const seen = new Set<string>();
    const duplicates = new Set<string>();
    for (const raw of records) {
      const k = key(valueOf(raw, fieldName));
      if (k === undefined) continue;
      if (seen.has(k)) duplicates.add(k);
      seen.add(k);
    }
    return duplicates;
  }

  /** A new child locks its master-detail/lookup parent on Salesforce, so that is what a lock fault names. */
  private parentOf(objectName: string, record: StoredRecord): string | undefined {
    const info = this.writer.objectInfo(objectName);
    const parentField = info.def.fields.find(
      (f) => f.type === 'reference' && f.name !== 'OwnerId' && f.name !== 'RecordTypeId' && typeof record[f.name] === 'string'
    );
    return parentField ? (record[parentField.name] as string) : undefined;
  }

  private checkLock(id: string | undefined): void {
    const fault = id === undefined ? undefined : this.ctx.lockFault?.(id);
    if (fault) throw new RecordError([fault]);
  }
}
