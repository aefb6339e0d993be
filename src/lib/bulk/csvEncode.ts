/**
 * Records to the CSV lines of a Bulk API 2.0 upload, encoded one line per record so that the upload can be
 * split into jobs by size without encoding twice.
 */
import { stringify } from 'csv-stringify/sync';
import { cellText } from './cellText.js';
import type { IngestOperation, IngestRecord } from './types.js';

export type LineEnding = 'LF' | 'CRLF';

export type EncodedRecords = {
  /** The job's `lineEnding`. */
  lineEnding: LineEnding;
  columns: string[];
  headerLine: string;
  /** One line per record, in record order, each ending with the line ending. */
  lines: string[];
};

const RECORD_DELIMITERS: Record<LineEnding, string> = { LF: '\n', CRLF: '\r\n' };

/** Delete sends only Id; the others every field any record sets, in first-seen order (`attributes` is REST metadata). */
export function uploadColumns(records: readonly IngestRecord[], operation: IngestOperation): string[] {
  if (operation === 'delete') return ['Id'];
  const columns = new Set<string>();
  for (const record of records) {
    for (const field of Object.keys(record.values)) if (field !== 'attributes') columns.add(field);
  }
  return [...columns];
}

/**
 * LF, as the job is normally created, unless a value holds a CRLF: Salesforce fails an LF job whose data
 * contains CRLF (`LineEnding is invalid on user data`), while a CRLF job takes bare LFs inside quoted values.
 */
function lineEndingFor(rows: string[][]): LineEnding {
  return rows.some((row) => row.some((cell) => cell.includes('\r\n'))) ? 'CRLF' : 'LF';
}

export function encodeRecords(records: readonly IngestRecord[], operation: IngestOperation): EncodedRecords {
  const columns = uploadColumns(records, operation);
  const clearNulls = operation === 'update' || operation === 'upsert';
  const rows = records.map((record) => columns.map((column) => cellText(record.values[column], column, clearNulls)));
  const lineEnding = lineEndingFor(rows);
  const recordDelimiter = RECORD_DELIMITERS[lineEnding];
  return {
    lineEnding,
    columns,
    headerLine: stringify([columns], { record_delimiter: recordDelimiter }),
    // Every non-empty cell quoted, as Salesforce writes its own CSV: leading spaces, commas, quotes and line
    // breaks then survive whatever the value holds. Empty cells stay bare: they mean "not set".
    lines: rows.map((row) => stringify([row], { quoted: true, record_delimiter: recordDelimiter })),
  };
}
