import { expect } from 'chai';
import { mergeIdListReads, type WaitingRead } from '../../../src/lib/api/idListMerge.js';

type Answer = { value?: unknown; error?: unknown };

function read(soql: string, resource = '/query'): WaitingRead & { answer: Answer } {
  const answer: Answer = {};
  return {
    path: `${resource}?q=${encodeURIComponent(soql)}`,
    query: true,
    answer,
    resolve: (value) => (answer.value = value),
    reject: (error) => (answer.error = error),
  };
}

const soqlOf = (entry: WaitingRead): string => decodeURIComponent(entry.path.replace(/^\/query(All)?\?q=/, ''));
const row = (Id: string): Record<string, unknown> => ({ attributes: { type: 'Account' }, Id, SystemModstamp: '2026-01-01T00:00:00.000+0000' });

describe('api: reads by lists of ids merged into one query', () => {
  it('merges the same fields of the same object into one query, and answers each read with its own rows', () => {
    const a = read("SELECT Id, SystemModstamp FROM Account WHERE Id IN ('001000000000001AAA','001000000000002AAA')");
    const other = read("SELECT Id, Name FROM Contact WHERE Id IN ('003000000000001AAA')");
    const b = read("SELECT Id, SystemModstamp FROM Account WHERE Id IN ('001000000000002','001000000000003AAA')");
    const merged = mergeIdListReads([a, other, b], () => expect.fail('nothing is sent alone'));
    expect(merged).to.have.length(2);
    expect(soqlOf(merged[0])).to.equal("SELECT Id, SystemModstamp FROM Account WHERE Id IN ('001000000000001AAA','001000000000002AAA','001000000000003AAA')");
    expect(merged[1]).to.equal(other);
    merged[0].resolve({ totalSize: 3, done: true, records: [row('001000000000001AAA'), row('001000000000002AAA'), row('001000000000003AAA')] });
    expect(a.answer.value).to.deep.equal({ totalSize: 2, done: true, records: [row('001000000000001AAA'), row('001000000000002AAA')] });
    expect(b.answer.value, 'a 15-character id finds its 18-character row').to.deep.equal({
      totalSize: 2,
      done: true,
      records: [row('001000000000002AAA'), row('001000000000003AAA')],
    });
  });

  it('merges other fields of the same object into one query of all of them, and answers each read with its own fields', () => {
    const check = read("SELECT Id, SystemModstamp FROM Account WHERE Id IN ('001000000000001AAA')");
    const match = read("SELECT Id, SystemModstamp, Name, Parent.Name FROM Account WHERE Id IN ('001000000000002AAA')");
    const keys = read("SELECT id, Owner.Email, parent.name, Parent.Id FROM account WHERE Id IN ('001000000000001AAA')");
    const [merged] = mergeIdListReads([check, match, keys], () => expect.fail('nothing is sent alone'));
    expect(soqlOf(merged), 'each field once, in any case').to.equal(
      "SELECT Id, SystemModstamp, Name, Parent.Name, Owner.Email, Parent.Id FROM Account WHERE Id IN ('001000000000001AAA','001000000000002AAA')"
    );
    const full = (Id: string): Record<string, unknown> => ({
      ...row(Id),
      Name: `Name ${Id}`,
      Parent: { attributes: { type: 'Account' }, Name: 'Parent', Id: '001000000000009AAA' },
      Owner: null,
    });
    merged.resolve({ totalSize: 2, done: true, records: [full('001000000000001AAA'), full('001000000000002AAA')] });
    expect(check.answer.value).to.deep.equal({ totalSize: 1, done: true, records: [row('001000000000001AAA')] });
    expect(match.answer.value).to.deep.equal({
      totalSize: 1,
      done: true,
      records: [{ ...row('001000000000002AAA'), Name: 'Name 001000000000002AAA', Parent: { attributes: { type: 'Account' }, Name: 'Parent' } }],
    });
    expect(keys.answer.value, 'a null parent stays null').to.deep.equal({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: { type: 'Account' },
          Id: '001000000000001AAA',
          Owner: null,
          Parent: { attributes: { type: 'Account' }, Name: 'Parent', Id: '001000000000009AAA' },
        },
      ],
    });
  });

  it('keeps apart other objects, queryAll and any other shape of query', () => {
    const reads = [
      read("SELECT Id FROM Account WHERE Id IN ('001000000000001AAA')"),
      read("SELECT Id, Name FROM Contact WHERE Id IN ('003000000000002AAA')"),
      read("SELECT Id FROM Account WHERE Id IN ('001000000000003AAA')", '/queryAll'),
      read("SELECT Id, (SELECT Id FROM Contacts) FROM Account WHERE Id IN ('001000000000005AAA')"),
      read("SELECT Id, (SELECT Id FROM Cases) FROM Account WHERE Id IN ('001000000000006AAA')"),
      read("SELECT Id FROM Account WHERE Name IN ('x')"),
      read("SELECT Id FROM Account WHERE Id IN ('001000000000004AAA') AND IsDeleted = false"),
    ];
    expect(mergeIdListReads(reads, () => undefined)).to.deep.equal(reads);
  });

  it('rejects every read of a merged query the org refused', () => {
    const a = read("SELECT Id FROM Account WHERE Id IN ('001000000000001AAA')");
    const b = read("SELECT Id FROM Account WHERE Id IN ('001000000000002AAA')");
    const [merged] = mergeIdListReads([a, b], () => undefined);
    const refused = new Error('INVALID_FIELD');
    merged.reject(refused);
    expect([a.answer.error, b.answer.error]).to.deep.equal([refused, refused]);
  });

  it('sends each read alone when the merged answer came in more than one page', () => {
    const a = read("SELECT Id FROM Account WHERE Id IN ('001000000000001AAA')");
    const b = read("SELECT Id FROM Account WHERE Id IN ('001000000000002AAA')");
    const alone: WaitingRead[] = [];
    const [merged] = mergeIdListReads([a, b], (entry) => alone.push(entry));
    merged.resolve({ totalSize: 2, done: false, nextRecordsUrl: '/services/data/v62.0/query/01g-1', records: [row('001000000000001AAA')] });
    expect(alone).to.deep.equal([a, b]);
    expect(a.answer.value).to.equal(undefined);
  });

  it('starts another query once one holds a page of ids', () => {
    const ids = (from: number, count: number): string =>
      Array.from({ length: count }, (_, index) => `'001${String(from + index).padStart(12, '0')}AAA'`).join(',');
    const reads = [0, 1, 2].map((index) => read(`SELECT Id FROM Account WHERE Id IN (${ids(index * 800, 800)})`));
    const merged = mergeIdListReads(reads, () => undefined);
    expect(merged.map((entry) => soqlOf(entry).split(',').length)).to.deep.equal([1600, 800]);
  });
});
