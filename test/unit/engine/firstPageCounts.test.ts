import { expect } from 'chai';
import type { OrgApi } from '../../../src/lib/api/orgApi.js';
import { CountQueries } from '../../../src/lib/load/countQueries.js';
import { RecordCounts } from '../../../src/lib/load/recordCounts.js';
import { buildDeletedQuery, buildSourceQuery } from '../../../src/lib/load/sourceQuery.js';
import type { ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { nameKeyedSpec } from './engineRunKit.js';

const OBJECT = 'Thing__c';
const SINCE = '2026-01-01T00:00:00.000Z';

/** An org whose `queryAll` answers live and deleted rows; records every path it was asked. */
class Org implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly calls: string[] = [];

  public constructor(
    private readonly live: number,
    private readonly deleted: number
  ) {}

  public getSmall<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  public request<T>(_method: string, path: string): Promise<T> {
    const call = decodeURIComponent(path);
    this.calls.push(call);
    const all = call.startsWith('/queryAll');
    const rows = [
      ...Array.from({ length: this.live }, (_, index) => ({ Id: `a05AAAAA${String(index).padStart(7, '0')}AAA`, Name: `live ${index}`, IsDeleted: false })),
      ...(all
        ? Array.from({ length: this.deleted }, (_, index) => ({ Id: `a05BBBBB${String(index).padStart(7, '0')}AAA`, Name: `gone ${index}`, IsDeleted: true }))
        : []),
    ];
    if (call.includes('COUNT()')) return Promise.resolve({ totalSize: all ? this.deleted : this.live, done: true, records: [] } as T);
    const selectsIsDeleted = call.includes('SELECT IsDeleted, ');
    const records = rows
      .filter((row) => !call.includes('IsDeleted = true') || row.IsDeleted)
      .map(({ IsDeleted, ...row }) => (selectsIsDeleted ? { ...row, IsDeleted } : row));
    return Promise.resolve({ totalSize: records.length, done: true, records } as T);
  }
}

const deltaSpec = (): ObjectSyncSpec => ({ ...nameKeyedSpec(OBJECT), modifiedSince: SINCE });
const countsOf = (org: Org, spec: ObjectSyncSpec, pageSize = 2000): RecordCounts =>
  RecordCounts.from([spec], { source: new CountQueries(org), target: new CountQueries(org) }, { deleted: true, pageSize });

describe("a delta's changes and deletions read by one queryAll first page", () => {
  it('counts both from one query, and hands each reader its own rows without IsDeleted', async () => {
    const org = new Org(30, 4);
    const spec = deltaSpec();
    const counts = countsOf(org, spec);
    expect(await counts.source(OBJECT)).to.equal(30);
    expect(await counts.deleted(OBJECT)).to.equal(4);
    expect(org.calls).to.deep.equal([
      `/queryAll?q=SELECT IsDeleted, Id, Name FROM ${OBJECT} WHERE SystemModstamp > 2026-01-01T00:00:00Z ORDER BY Id LIMIT 2000`,
    ]);
    const live = await counts.firstPage(buildSourceQuery(spec, {}, { afterId: undefined, size: 2000 }));
    const deleted = await counts.firstPage(buildDeletedQuery(spec, [], { size: 2000 }), { includeDeleted: true });
    expect(live).to.have.length(30);
    expect(deleted?.map((row) => row.Name)).to.deep.equal(['gone 0', 'gone 1', 'gone 2', 'gone 3']);
    expect([...(live ?? []), ...(deleted ?? [])].some((row) => 'IsDeleted' in row)).to.equal(false);
  });

  it('counts a full page with COUNT() queries after all, and gives the readers no first page', async () => {
    const org = new Org(8, 2);
    const spec = deltaSpec();
    const counts = countsOf(org, spec, 10);
    expect(await counts.source(OBJECT)).to.equal(8);
    expect(await counts.deleted(OBJECT)).to.equal(2);
    expect(org.calls.slice(1).sort()).to.deep.equal([
      `/query?q=SELECT COUNT() FROM ${OBJECT} WHERE SystemModstamp > 2026-01-01T00:00:00Z`,
      `/queryAll?q=SELECT COUNT() FROM ${OBJECT} WHERE IsDeleted = true AND SystemModstamp > 2026-01-01T00:00:00Z`,
    ]);
    expect(await counts.firstPage(buildSourceQuery(spec, {}, { afterId: undefined, size: 10 }))).to.equal(undefined);
  });

  it('keeps two queries for activities (queryAll answers archived rows too) and for a template limit', async () => {
    for (const spec of [
      { ...deltaSpec(), object: { ...deltaSpec().object, limit: 50 } },
      { ...deltaSpec(), source: { ...deltaSpec().source, fields: [...deltaSpec().source.fields, { ...deltaSpec().source.fields[0], name: 'IsArchived' }] } },
    ]) {
      const org = new Org(3, 1);
      const counts = countsOf(org, spec);
      expect([await counts.source(OBJECT), await counts.deleted(OBJECT)]).to.deep.equal([3, 1]);
      expect(org.calls.some((call) => call.includes('SELECT IsDeleted'))).to.equal(false);
      expect(org.calls).to.have.length(2);
    }
  });
});
