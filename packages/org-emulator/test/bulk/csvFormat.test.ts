import { expect } from 'chai';
import { InvalidCsvError, parseUpload, writeRows } from '../../src/bulk/csvFormat.js';
import { unorderedIndices } from '../../src/bulk/ingestResults.js';
import { bulkKit, resultText, runIngestJob } from './bulkTestKit.js';

describe('bulk CSV formats', () => {
  const delimiters: Array<[string, string]> = [
    ['COMMA', ','],
    ['TAB', '\t'],
    ['SEMICOLON', ';'],
    ['PIPE', '|'],
    ['CARET', '^'],
    ['BACKQUOTE', '`'],
  ];
  for (const [columnDelimiter, char] of delimiters) {
    it(`parses and writes ${columnDelimiter}-delimited data`, () => {
      const format = { columnDelimiter: columnDelimiter as 'COMMA', lineEnding: 'LF' as const };
      const parsed = parseUpload(`Name${char}Description\n"A${char}1"${char}x\n`, format);
      expect(parsed).to.deep.equal({ header: ['Name', 'Description'], rows: [[`A${char}1`, 'x']] });
      expect(writeRows(parsed.rows, format)).to.equal(`"A${char}1"${char}"x"\n`);
    });
  }

  it('keeps quoted line breaks and doubled quotes inside values', () => {
    const parsed = parseUpload('Name,Description\r\nA,"two\r\nlines, ""quoted"""\r\n', { columnDelimiter: 'COMMA', lineEnding: 'CRLF' });
    expect(parsed.rows).to.deep.equal([['A', 'two\r\nlines, "quoted"']]);
  });

  it('does not trim values or strip a byte order mark', () => {
    const parsed = parseUpload('\uFEFFName\n A \n', { columnDelimiter: 'COMMA', lineEnding: 'LF' });
    expect(parsed).to.deep.equal({ header: ['\uFEFFName'], rows: [[' A ']] });
  });

  it('rejects ragged rows and unclosed quotes as client input errors', () => {
    const format = { columnDelimiter: 'COMMA', lineEnding: 'LF' } as const;
    expect(() => parseUpload('A,B\n1\n', format)).to.throw(InvalidCsvError, /^ClientInputError : /);
    expect(() => parseUpload('A,B\n"1,2\n', format)).to.throw(InvalidCsvError, /^ClientInputError : /);
  });

  it('rejects LF data in a CRLF job', () => {
    expect(() => parseUpload('A\n1\n', { columnDelimiter: 'COMMA', lineEnding: 'CRLF' })).to.throw(
      'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF'
    );
  });

  it('writes an ingest job results in its own delimiter and line ending', async () => {
    const kit = bulkKit();
    const { id } = await runIngestJob(
      kit,
      { object: 'Account', operation: 'insert', columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' },
      'Name;Description\r\nAcme;"a; b"\r\n'
    );
    const text = await resultText(kit, id, 'successfulResults');
    expect(text).to.match(/^"sf__Id";"sf__Created";Name;Description\r\n"001\w{15}";"true";"Acme";"a; b"\r\n$/);
  });

  it('shuffles result rows deterministically and never keeps upload order', () => {
    expect(unorderedIndices(1)).to.deep.equal([0]);
    expect(unorderedIndices(2)).to.deep.equal([1, 0]);
    expect(unorderedIndices(5)).to.deep.equal([3, 1, 0, 2, 4]);
    for (let count = 2; count < 50; count++) {
      const order = unorderedIndices(count);
      expect([...order].sort((a, b) => a - b)).to.deep.equal([...Array(count).keys()]);
      expect(order).to.not.deep.equal([...Array(count).keys()]);
    }
  });
});
