import { parseCsvRecords } from './bulkCsv.js';

/** A result row: header cell -> cell text (`sf__Id`, `sf__Created` or `sf__Error`, then the uploaded columns). */
export type ResultRow = Record<string, string>;

/**
 * Parses a result file (`successfulResults`, `failedResults`, `unprocessedrecords`). Salesforce answers an
 * empty body when there is nothing to report. The line ending is the job's (LF or CRLF, both read); a BOM
 * is dropped so that it cannot hide the first column's name.
 */
export function parseResultCsv(text: string): ResultRow[] {
  return parseCsvRecords(text);
}
