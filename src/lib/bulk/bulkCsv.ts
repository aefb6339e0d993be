/**
 * The CSV that Bulk API 2.0 answers (query results, ingest job results): RFC 4180 with the jobs' settings as
 * this plugin creates them, comma-separated, LF or CRLF line endings, fields quoted when they hold a quote,
 * a comma or a line break, quotes doubled inside them; a BOM is dropped. Read by csv-parse's synchronous API
 * (a page is in memory already), strictly: malformed text fails, it is never read leniently.
 */
import { CsvError, parse } from 'csv-parse/sync';

/** A Bulk CSV that is not well formed; `code` is csv-parse's code for the fault. */
export class BulkCsvError extends Error {
  public constructor(
    public readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'BulkCsvError';
  }
}

/** What each fault means, said without the record's values (csv-parse's own messages quote them). */
const FAULTS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed',
  CSV_INVALID_CLOSING_QUOTE: 'a character follows a closing quote',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'a record does not have as many fields as the header',
};

/**
 * The rows of a Bulk CSV, header first; an empty text has none. Every row must have the header's length;
 * `skipEmptyLines` leaves out lines with nothing on them.
 */
export function parseCsvRows(text: string, options: { skipEmptyLines?: boolean } = {}): string[][] {
  try {
    return parse(text, { bom: true, skip_empty_lines: options.skipEmptyLines === true });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? ` at line ${error.lines}` : '';
    throw new BulkCsvError(error.code, `Invalid CSV: ${FAULTS[error.code] ?? error.code}${line}.`);
  }
}

/** The rows of a Bulk CSV keyed by its header, blank lines left out. */
export function parseCsvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsvRows(text, { skipEmptyLines: true });
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]])));
}
