import { expect } from 'chai';
import type { OrgApi } from '../../../src/lib/api/orgApi.js';
import { readSource } from '../../../src/lib/load/sourceReader.js';
import { RecordCounts } from '../../../src/lib/load/recordCounts.js';
import { CountQueries } from '../../../src/lib/load/countQueries.js';
import type { ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { engineRun, nameKeyedSpec } from './engineRunKit.js';

const OBJECT = 'Thing__c';

/** A source of `total` rows with ascending ids that answers SOQL by its `Id >` and LIMIT, or through a cursor. */
class Source implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly calls: string[] = [];
  private readonly ids: string[];

  public constructor(total: number) {
    this.ids = Array.from({ length: total }, (_, index) => `a05AAAAA${String(index).padStart(7, '0')}AAA`);
  }

  /** Small reads (counts, a delta's pages) as plain GETs: no Composite packing here. */
  public getSmall<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  public request<T>(_method: string, path: string): Promise<T> {
    this.calls.push(decodeURIComponent(path));
    if (path.startsWith('/services/data/')) return Promise.resolve(this.page(Number(path.split('-').pop()), 2000) as T);
    const soql = decodeURIComponent(path.replace('/query?q=', ''));
    const after = /Id > '(\w+)'/.exec(soql)?.[1];
    const limit = Number(/LIMIT (\d+)$/.exec(soql)?.[1] ?? Infinity);
    if (!soql.includes('ORDER BY Id')) return Promise.resolve(this.page(0, 2000) as T);
    const rows = this.ids.filter((id) => after === undefined || id > after).slice(0, limit);
    return Promise.resolve({ totalSize: rows.length, done: true, records: rows.map((Id) => ({ Id, Name: Id })) } as T);
  }

  /** A cursor page, as Salesforce pages a query with nextRecordsUrl. */
  private page(offset: number, size: number): unknown {
    const records = this.ids.slice(offset, offset + size).map((Id) => ({ Id, Name: Id }));
    const end = offset + records.length;
    return end < this.ids.length
      ? { totalSize: this.ids.length, done: false, nextRecordsUrl: `/services/data/v62.0/query/01gCURSOR-${end}`, records }
      : { totalSize: this.ids.length, done: true, records };
  }
}

async function read(source: Source, spec: ObjectSyncSpec): Promise<number[]> {
  const context = engineRun({
    source,
    target: source,
    writer: { write: () => Promise.resolve([]) },
    counts: RecordCounts.of({ [OBJECT]: 1 }, { [OBJECT]: 0 }),
  });
  const pages: number[] = [];
  for await (const page of readSource(context, spec)) pages.push(page.length);
  return pages;
}

describe('source reads in keyset pages', () => {
  it('reads page after page by Id, with no cursor left open between pages', async () => {
    const source = new Source(4500);
    expect(await read(source, nameKeyedSpec(OBJECT))).to.deep.equal([2000, 2000, 500]);
    expect(source.calls).to.deep.equal([
      `/query?q=SELECT Id, Name FROM ${OBJECT} ORDER BY Id LIMIT 2000`,
      `/query?q=SELECT Id, Name FROM ${OBJECT} WHERE Id > 'a05AAAAA0001999AAA' ORDER BY Id LIMIT 2000`,
      `/query?q=SELECT Id, Name FROM ${OBJECT} WHERE Id > 'a05AAAAA0003999AAA' ORDER BY Id LIMIT 2000`,
    ]);
  });

  it("keeps the template's filter and stops at its limit", async () => {
    const source = new Source(4500);
    const spec = nameKeyedSpec(OBJECT);
    spec.object.where = "Name != 'x'";
    spec.object.limit = 2500;
    expect(await read(source, spec)).to.deep.equal([2000, 500]);
    expect(source.calls[1]).to.equal(`/query?q=SELECT Id, Name FROM ${OBJECT} WHERE (Name != 'x') AND Id > 'a05AAAAA0001999AAA' ORDER BY Id LIMIT 500`);
  });

  it("reads through the query's cursor when the template orders the object", async () => {
    const source = new Source(4500);
    const spec = nameKeyedSpec(OBJECT);
    spec.object.orderBy = 'Name DESC';
    expect(await read(source, spec)).to.deep.equal([2000, 2000, 500]);
    expect(source.calls[0]).to.equal(`/query?q=SELECT Id, Name FROM ${OBJECT} ORDER BY Name DESC`);
    expect(source.calls.slice(1)).to.deep.equal(['/services/data/v62.0/query/01gCURSOR-2000', '/services/data/v62.0/query/01gCURSOR-4000']);
  });

  describe("a delta's first page, read in place of its count", () => {
    const deltaSpec = (): ObjectSyncSpec => ({ ...nameKeyedSpec(OBJECT), modifiedSince: '2026-01-01T00:00:00.000Z' });
    const countsOf = (source: Source, spec: ObjectSyncSpec): RecordCounts =>
      RecordCounts.from([spec], { source: new CountQueries(source), target: new CountQueries(source) }, { pageSize: 2000 });
    const readWith = async (source: Source, spec: ObjectSyncSpec, counts: RecordCounts): Promise<number[]> => {
      const context = engineRun({ source, target: source, writer: { write: () => Promise.resolve([]) }, counts });
      const pages: number[] = [];
      for await (const page of readSource(context, spec)) pages.push(page.length);
      return pages;
    };
    const page = `/query?q=SELECT Id, Name FROM ${OBJECT} WHERE SystemModstamp > 2026-01-01T00:00:00Z ORDER BY Id LIMIT 2000`;

    it('counts the changes by their first page, which the reader then does not ask for again', async () => {
      const source = new Source(150);
      const spec = deltaSpec();
      const counts = countsOf(source, spec);
      expect(await counts.source(OBJECT)).to.equal(150);
      expect(await readWith(source, spec, counts)).to.deep.equal([150]);
      expect(source.calls, 'one query: no COUNT(), no second read').to.deep.equal([page]);
    });

    it('counts a full first page with a COUNT() after all, and reads on from it', async () => {
      const source = new Source(4500);
      const spec = deltaSpec();
      const counts = countsOf(source, spec);
      expect(await counts.source(OBJECT)).to.equal(4500);
      expect(await readWith(source, spec, counts)).to.deep.equal([2000, 2000, 500]);
      expect(source.calls[0]).to.equal(page);
      expect(source.calls[1]).to.equal(`/query?q=SELECT COUNT() FROM ${OBJECT} WHERE SystemModstamp > 2026-01-01T00:00:00Z`);
      expect(source.calls.slice(2).every((call) => call.includes("Id > '"))).to.equal(true);
      expect(source.calls).to.have.length(4);
    });

    it('counts a full run, and a retry of records by id, with COUNT() as before', async () => {
      const counted = async (spec: ObjectSyncSpec): Promise<string[]> => {
        const source = new Source(150);
        const counts = RecordCounts.from([spec], { source: new CountQueries(source), target: new CountQueries(new Source(0)) }, { pageSize: 2000 });
        expect(await counts.source(OBJECT)).to.equal(150);
        return source.calls;
      };
      expect(await counted(nameKeyedSpec(OBJECT))).to.deep.equal([`/query?q=SELECT COUNT() FROM ${OBJECT}`]);
      const retry = { ...deltaSpec(), onlySourceIds: ['a05AAAAA0000001AAA'] };
      expect((await counted(retry))[0]).to.match(/^\/query\?q=SELECT COUNT\(\) FROM Thing__c WHERE/);
    });
  });
});
