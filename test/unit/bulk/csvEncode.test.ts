import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { cellText } from '../../../src/lib/bulk/cellText.js';
import { encodeRecords, uploadColumns } from '../../../src/lib/bulk/csvEncode.js';

const csvOf = (encoded: ReturnType<typeof encodeRecords>): string => encoded.headerLine + encoded.lines.join('');

describe('bulk: CSV encoding', () => {
  it('quotes quotes, commas, line breaks and leading spaces so the values come back unchanged', () => {
    const tricky = ['say "hi"', 'a,b', 'line 1\nline 2', '  padded ', 'ünïcödé 日本語 🚀', "it's", '"', ','];
    const records = tricky.map((text, i) => ({ key: String(i), values: { Name: text, Key__c: `k${i}` } }));
    const encoded = encodeRecords(records, 'insert');
    expect(encoded.lines[0]).to.equal('"say ""hi""","k0"\n');
    const rows = parse<Record<string, string>>(csvOf(encoded), { columns: true });
    expect(rows.map((row) => row.Name)).to.deep.equal(tricky);
  });

  it('writes null as #N/A for update and upsert (clears the field) and leaves it out of an insert', () => {
    const records = [{ key: 'a', values: { Id: '001A', Phone: null, Fax: undefined, Name: '' } }];
    expect(encodeRecords(records, 'update').lines[0]).to.equal('"001A","#N/A",,\n');
    expect(encodeRecords(records, 'upsert').lines[0]).to.equal('"001A","#N/A",,\n');
    expect(encodeRecords(records, 'insert').lines[0]).to.equal('"001A",,,\n');
  });

  it('writes booleans, numbers and dates as Salesforce reads them', () => {
    expect(cellText(true, 'F', true)).to.equal('true');
    expect(cellText(false, 'F', true)).to.equal('false');
    expect(cellText(1234.5, 'F', true)).to.equal('1234.5');
    expect(cellText(-0.0000001, 'F', true)).to.equal('-0.0000001');
    expect(cellText(1e21, 'F', true)).to.equal('1000000000000000000000');
    expect(cellText(12345678901234567890n, 'F', true)).to.equal('12345678901234567890');
    expect(cellText(new Date(Date.UTC(2024, 4, 1, 10, 30)), 'F', true)).to.equal('2024-05-01T10:30:00.000Z');
    expect(cellText('2024-05-01T10:30:00.000+0000', 'F', true)).to.equal('2024-05-01T10:30:00.000+0000');
  });

  it('refuses values a CSV cell cannot carry', () => {
    expect(() => cellText({ street: 'x' }, 'BillingAddress', true)).to.throw(TypeError, 'BillingAddress: a object value');
    expect(() => cellText(['a'], 'F', true)).to.throw(TypeError, 'a list value');
    expect(() => cellText(Number.NaN, 'Amount', true)).to.throw(TypeError, 'Amount: NaN');
    expect(() => cellText(new Date('nope'), 'D', true)).to.throw(TypeError, 'invalid Date');
  });

  it('takes every field any record sets, in first-seen order, and only Id for delete', () => {
    const records = [
      { key: 'a', values: { attributes: { type: 'Account' }, Name: 'A' } },
      { key: 'b', values: { Phone: '1', Name: 'B' } },
    ];
    expect(uploadColumns(records, 'insert')).to.deep.equal(['Name', 'Phone']);
    expect(encodeRecords(records, 'insert').lines[0]).to.equal('"A",\n');
    expect(uploadColumns(records, 'delete')).to.deep.equal(['Id']);
  });

  it('switches the job to CRLF when a value holds a CRLF, which an LF job rejects', () => {
    const lf = encodeRecords([{ key: 'a', values: { Description: 'one\ntwo' } }], 'insert');
    expect(lf.lineEnding).to.equal('LF');
    const crlf = encodeRecords(
      [
        { key: 'a', values: { Description: 'one\r\ntwo' } },
        { key: 'b', values: { Description: 'x' } },
      ],
      'insert'
    );
    expect(crlf.lineEnding).to.equal('CRLF');
    expect(csvOf(crlf)).to.equal('Description\r\n"one\r\ntwo"\r\n"x"\r\n');
  });
});
