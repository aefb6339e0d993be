import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { parseCsvSliced } from '../../../src/lib/bulk/parseCsvSliced.js';

/** Cells that cross slice boundaries at every small slice size: quotes, quoted line breaks, emoji, accents. */
const TRICKY = [
  ['Id', 'Name', 'Description__c'],
  ['001000000000001AAA', 'Zoë "the" 😀 Ünïcødé', 'line one\nline two, with a comma'],
  ['001000000000002AAA', '', '"quoted" 𝄞 music'],
  ['001000000000003AAA', 'plain', ''],
];

function csvOf(rows: string[][]): string {
  return rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
}

describe('parseCsvSliced', () => {
  it('gives the rows a one-go parse gives, at every slice size, characters and quoted line breaks intact', async () => {
    const text = `\uFEFF${csvOf(TRICKY)}`;
    const expected: string[][] = parse(text, { bom: true });
    expect(expected).to.deep.equal(TRICKY);
    for (let slice = 1; slice <= text.length + 1; slice++) {
      expect(await parseCsvSliced<string[]>(text, { bom: true }, slice), `slice ${slice}`).to.deep.equal(TRICKY);
    }
  });

  it('keys rows by the header with `columns`, and answers no rows for an empty body', async () => {
    expect(await parseCsvSliced(csvOf(TRICKY), { columns: true }, 7)).to.deep.equal(
      TRICKY.slice(1).map(([Id, Name, Description__c]) => ({ Id, Name, Description__c }))
    );
    expect(await parseCsvSliced('', { columns: true })).to.deep.equal([]);
  });

  it('rejects malformed CSV with the parser error, wherever the slice ends', async () => {
    for (const slice of [3, 1000]) {
      const error = await parseCsvSliced('a,b\n"unclosed,1\n', { bom: true }, slice).then(
        () => undefined,
        (e: unknown) => e as Error & { code?: string }
      );
      expect(error?.code, `slice ${slice}`).to.equal('CSV_QUOTE_NOT_CLOSED');
    }
  });

  it('lets the event loop run between slices', async () => {
    const text = csvOf(Array.from({ length: 20_000 }, (_, i) => [`00100000000${String(i).padStart(7, '0')}`, `Name ${i}`]));
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      const rows = await parseCsvSliced<string[]>(text, {}, 4096);
      expect(rows).to.have.length(20_000);
    } finally {
      clearInterval(ticker);
    }
    expect(turns).to.be.greaterThan(3);
  });
});
