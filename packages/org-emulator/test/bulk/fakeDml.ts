/**
 * Test support: a small in-memory DmlEngine. It knows just enough rules to produce the per-record errors
 * Bulk must report (required name fields, unknown ids) and records every call so tests can check chunking.
 */
import type { DmlEngine, DmlError, DmlOptions, SaveResult, UpsertResult } from '../../src/org/dmlTypes.js';
import { idChecksum as checksumSuffix } from '../../src/org/ids.js';

export type FakeRecord = Record<string, unknown> & { Id: string };

const PREFIXES: Record<string, string> = { Account: '001', Contact: '003', Lead: '00Q', Task: '00T' };
const REQUIRED: Record<string, string> = { Account: 'Name', Contact: 'LastName' };

export class FakeDml implements DmlEngine {
  public readonly records = new Map<string, { objectName: string; record: FakeRecord }>();
  public readonly calls: Array<{ method: string; size: number; options: DmlOptions & { hard?: boolean } }> = [];
  private sequence = 0;

  public insert(objectName: string, records: Array<Record<string, unknown>>, options: DmlOptions): SaveResult[] {
    this.calls.push({ method: 'insert', size: records.length, options });
    return records.map((record) => this.create(objectName, record));
  }

  public update(_objectName: string, records: Array<Record<string, unknown>>, options: DmlOptions): SaveResult[] {
    this.calls.push({ method: 'update', size: records.length, options });
    return records.map((record) => this.change(typeof record.Id === 'string' ? record.Id : '', record));
  }

  public upsert(objectName: string, externalIdField: string, records: Array<Record<string, unknown>>, options: DmlOptions): UpsertResult[] {
    this.calls.push({ method: 'upsert', size: records.length, options });
    return records.map((record) => {
      const key = matchKey(record[externalIdField]);
      const existing = this.find(objectName, (stored) => matchKey(stored[externalIdField]) === key);
      return existing ? { ...this.change(existing.Id, record), created: false } : { ...this.create(objectName, record), created: true };
    });
  }

  public delete(ids: string[], options: DmlOptions & { hard?: boolean }): SaveResult[] {
    this.calls.push({ method: 'delete', size: ids.length, options });
    return ids.map((id) => (this.records.delete(id) ? ok(id) : failure(null, 'ENTITY_IS_DELETED', 'entity is deleted', [])));
  }

  public find(objectName: string, test: (record: FakeRecord) => boolean): FakeRecord | undefined {
    return this.all(objectName).find(test);
  }

  public all(objectName: string): FakeRecord[] {
    return [...this.records.values()].filter((entry) => entry.objectName === objectName).map((entry) => entry.record);
  }

  private create(objectName: string, record: Record<string, unknown>): SaveResult {
    const required = REQUIRED[objectName];
    if (required && (record[required] === undefined || record[required] === null)) {
      return failure(null, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${required}]`, [required]);
    }
    const id15 = `${PREFIXES[objectName] ?? 'a00'}5g00000${String(++this.sequence).padStart(5, '0')}`;
    const id = id15 + checksumSuffix(id15);
    this.records.set(id, { objectName, record: { ...record, Id: id } });
    return ok(id);
  }

  private change(id: string, record: Record<string, unknown>): SaveResult {
    const stored = this.records.get(id);
    if (!stored) return failure(null, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
    stored.record = { ...stored.record, ...record, Id: id };
    return ok(id);
  }
}

/** External ids match case-insensitively, as in Salesforce. */
function matchKey(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).toLowerCase() : '';
}

function ok(id: string): SaveResult {
  return { id, success: true, errors: [] };
}

function failure(id: string | null, statusCode: string, message: string, fields: string[]): SaveResult {
  const error: DmlError = { statusCode, message, fields };
  return { id, success: false, errors: [error] };
}
