/**
 * CSV in and out, in the job's columnDelimiter and lineEnding. Uploads are parsed strictly, as Salesforce
 * does: no BOM stripping (a BOM makes the first header unknown), no trimming, no ragged rows.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { ColumnDelimiter, LineEnding } from './types.js';

const DELIMITER_CHARS: Record<ColumnDelimiter, string> = {
  COMMA: ',',
  TAB: '\t',
  SEMICOLON: ';',
  PIPE: '|',
  CARET: '^',
  BACKQUOTE: '`',
};

export type CsvFormat = { columnDelimiter: ColumnDelimiter; lineEnding: LineEnding };

export type ParsedCsv = { header: string[]; rows: string[][] };

/** Thrown when an upload cannot be processed; `message` is the job's errorMessage. */
export class InvalidCsvError extends Error {}

function recordDelimiter(lineEnding: LineEnding): string {
  return lineEnding === 'CRLF' ? '\r\n' : '\n';
}

/**
 * Salesforce fails a job whose data does not use the declared line ending (observed text below). A CRLF file
 * in an LF job would otherwise leave a stray `\r` at the end of every last cell.
 */
function checkLineEnding(csv: string, lineEnding: LineEnding): void {
  const hasCrlf = csv.includes('\r\n');
  const hasBareLf = /(^|[^\r])\n/.test(csv);
  if ((lineEnding === 'LF' && hasCrlf) || (lineEnding === 'CRLF' && hasBareLf && !hasCrlf)) {
    throw new InvalidCsvError(`ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${lineEnding}`);
  }
}

export function parseUpload(csv: string, format: CsvFormat): ParsedCsv {
  checkLineEnding(csv, format.lineEnding);
  let records: string[][];
  try {
    records = parse(csv, {
      delimiter: DELIMITER_CHARS[format.columnDelimiter],
      record_delimiter: recordDelimiter(format.lineEnding),
      skip_empty_lines: true,
    });
  } catch (error) {
    throw new InvalidCsvError(`ClientInputError : ${(error as Error).message}`);
  }
  const [header = [], ...rows] = records;
  return { header, rows };
}

/** Data rows as Salesforce writes them: every cell quoted, empty ones too. */
export function writeRows(rows: string[][], format: CsvFormat): string {
  if (rows.length === 0) return '';
  return stringify(rows, {
    delimiter: DELIMITER_CHARS[format.columnDelimiter],
    record_delimiter: recordDelimiter(format.lineEnding),
    quoted: true,
    quoted_empty: true,
  });
}

/** A header line given as already-formatted cells (Salesforce quotes some header cells and not others). */
export function writeHeaderLine(cells: string[], format: CsvFormat): string {
  return cells.join(DELIMITER_CHARS[format.columnDelimiter]) + recordDelimiter(format.lineEnding);
}

export function quoteCell(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
