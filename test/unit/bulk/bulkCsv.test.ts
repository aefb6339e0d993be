/**
 * The Bulk CSV dialect: every table a writer can make of tricky cells (quotes, commas, line breaks, emoji,
 * empty cells), with LF or CRLF, with or without a BOM or a last line break, reads back as written; malformed
 * text fails with csv-parse's error codes, as BulkCsvError.
 */
import { expect } from 'chai';
import { BulkCsvError, parseCsvRecords, parseCsvRows } from '../../../src/lib/bulk/bulkCsv.js';

const CELLS = [
  '',
  'plain',
  '001000000000001AAA',
  'a "quoted" word',
  'comma, inside',
  'line one\nline two',
  'crlf\r\ninside',
  '"',
  '""',
  'Zoë 😀 𝄞',
  ' spaced ',
  'x'.repeat(40),
];

/** A deterministic generator (the same tables on every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function csvOf(rows: string[][], lineEnding: string, quoteAll: boolean): string {
  const cell = (value: string): string => (quoteAll || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return rows.map((row) => row.map(cell).join(',')).join(lineEnding);
}

describe('Bulk CSV parsing', () => {
  it('reads back a thousand generated tables as they were written', () => {
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    for (let table = 0; table < 1000; table++) {
      const columns = 1 + Math.floor(next() * 5);
      const rows = Array.from({ length: 1 + Math.floor(next() * 6) }, () => Array.from({ length: columns }, () => pick(CELLS)));
      // An unquoted empty cell alone on the last line is nothing at all to any reader: not a case to generate.
      if (columns === 1) for (const row of rows) if (row[0] === '') row[0] = 'x';
      const lineEnding = pick(['\n', '\r\n']);
      const text = `${next() < 0.3 ? '\uFEFF' : ''}${csvOf(rows, lineEnding, next() < 0.5)}${next() < 0.7 ? lineEnding : ''}`;
      expect(parseCsvRows(text), JSON.stringify(text)).to.deep.equal(rows);
    }
  });

  it('answers no rows for an empty text, and keys rows by the header, blank lines left out', () => {
    expect(parseCsvRows('')).to.deep.equal([]);
    expect(parseCsvRecords('')).to.deep.equal([]);
    const text = '"sf__Id","sf__Created","Name"\n"001000000000001AAA","true","Acme, Inc."\n\n"001000000000002AAA","false",""\n\n';
    expect(parseCsvRecords(text)).to.deep.equal([
      { sf__Id: '001000000000001AAA', sf__Created: 'true', Name: 'Acme, Inc.' },
      { sf__Id: '001000000000002AAA', sf__Created: 'false', Name: '' },
    ]);
  });

  it('keeps a trailing empty field', () => {
    expect(parseCsvRows('a,b\n1,\n,\n')).to.deep.equal([
      ['a', 'b'],
      ['1', ''],
      ['', ''],
    ]);
  });

  it('fails malformed text with the csv-parse error codes, never reading it leniently', () => {
    const malformed = {
      'a,b\n"unclosed,1\n': 'CSV_QUOTE_NOT_CLOSED',
      'a,b\n"closed"x,1\n': 'CSV_INVALID_CLOSING_QUOTE',
      'a,b\nin"side,1\n': 'INVALID_OPENING_QUOTE',
      'a,b\n1,2,3\n': 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
      'a,b\n1\n': 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
    };
    for (const [text, code] of Object.entries(malformed)) {
      const ours = (() => {
        try {
          parseCsvRows(text);
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(ours, JSON.stringify(text)).to.be.instanceOf(BulkCsvError);
      expect((ours as BulkCsvError).code, JSON.stringify(text)).to.equal(code);
      // The message says what is wrong and where, never with the record's values.
      expect((ours as BulkCsvError).message, JSON.stringify(text)).to.match(/^Invalid CSV: .+ at line 2\.$/);
      expect((ours as BulkCsvError).message, JSON.stringify(text)).to.not.match(/unclosed|closed"x|in"side|"in"/);
    }
  });
});
