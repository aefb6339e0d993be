import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { FailedRecord } from './failureGroups.js';

/**
 * The columns every error file starts with. Their names have spaces, which Salesforce API names never have,
 * so they cannot collide with the record's own field columns that follow.
 */
export const ERROR_COLUMNS = ['Source Id', 'Target Id', 'Operation', 'Error Code', 'Error Message', 'Error Fields'] as const;

export type ErrorFile = { object: string; path: string; rows: number };

/**
 * Writes one CSV per object with failures, `errors_{object}_{timestamp}.csv`: the journal columns, then one
 * column per field sent (the union over the object's failed records, in first-seen order). RFC 4180 quoting
 * and CRLF line ends from csv-stringify, and a UTF-8 byte order mark so that spreadsheets read accents right.
 */
export function writeErrorCsvs(dir: string, failures: readonly FailedRecord[], now: Date = new Date()): ErrorFile[] {
  const byObject = new Map<string, FailedRecord[]>();
  for (const failure of failures) {
    const list = byObject.get(failure.object) ?? [];
    list.push(failure);
    byObject.set(failure.object, list);
  }
  if (byObject.size === 0) return [];
  // Owner-only, like the journal: the CSVs hold record data.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const files: ErrorFile[] = [];
  for (const [object, records] of byObject) {
    const fields = fieldColumns(records);
    const rows = records.map((record) => [
      record.sourceId,
      record.targetId ?? '',
      record.operation,
      record.error.statusCode,
      record.error.message,
      record.error.fields.join(';'),
      ...fields.map((field) => cell(record.values[field])),
    ]);
    const path = join(dir, `errors_${object}_${stamp}.csv`);
    writeFileSync(path, stringify(rows, { header: true, columns: [...ERROR_COLUMNS, ...fields], bom: true, record_delimiter: 'windows' }), {
      mode: 0o600,
    });
    files.push({ object, path, rows: rows.length });
  }
  return files;
}

function fieldColumns(records: readonly FailedRecord[]): string[] {
  const seen = new Set<string>();
  for (const record of records) for (const field of Object.keys(record.values)) seen.add(field);
  return [...seen];
}

/** A value as Salesforce's own CSV (Bulk API, Data Loader) shows it: empty for null, JSON for compound values. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans print as themselves; addresses and other compound values as JSON.
  return typeof value === 'string' ? value : JSON.stringify(value);
}
