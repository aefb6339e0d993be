import { expect } from 'chai';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import type { RecordWriter, WriteOutcome, WriteRequest } from '../../../src/lib/load/writeTypes.js';
import { ObjectSync } from '../../../src/lib/load/objectSync.js';
import type { EngineRun } from '../../../src/lib/load/engineRun.js';
import { RecordCounts } from '../../../src/lib/load/recordCounts.js';
import { MAX_INDEXED_RECORDS, preferFullTargetRead } from '../../../src/lib/scan/targetIndex.js';
import type { ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { engineRun, nameKeyedSpec } from './engineRunKit.js';

const OBJECT = 'Widget__c';
const SOURCE_RECORDS = 5000;
const PAGE = 1000;
const IN_TARGET = 300;

const id = (prefix: string, n: number): string => `${prefix}AAAAA${String(n).padStart(7, '0')}AAA`;
const row = (prefix: string, n: number): Record<string, unknown> => ({ attributes: { type: OBJECT }, Id: id(prefix, n), Name: `Widget ${n}` });

/** A source of SOURCE_RECORDS widgets, read in keyset pages (`Id > last ORDER BY Id LIMIT n`). */
const source: OrgApi = {
  apiVersion: '62.0',
  request<T>(_method: HttpMethod, path: string): Promise<T> {
    const after = /Id > '(\w+)'/.exec(decodeURIComponent(path))?.[1];
    const first = after ? Number(after.slice(8, 15)) + 1 : 0;
    const records = Array.from({ length: Math.max(0, Math.min(PAGE, SOURCE_RECORDS - first)) }, (_, i) => row('a01', first + i));
    return Promise.resolve({ totalSize: records.length, done: true, records } as T);
  },
};

/** A target holding the first IN_TARGET widgets (same names), recording every SOQL it is asked. */
class Target implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly soql: string[] = [];
  public request<T>(_method: HttpMethod, path: string, body?: unknown): Promise<T> {
    // Long queries (an IN list of 1,000 names) come inside a Composite request.
    const sub = (body as { compositeRequest?: Array<{ url: string; referenceId: string }> } | undefined)?.compositeRequest?.[0];
    const soql = decodeURIComponent((sub?.url ?? path).replace(/^.*\/query\?q=/, ''));
    this.soql.push(soql);
    const names = /IN \((.*)\)/.exec(soql)?.[1];
    const records = Array.from({ length: IN_TARGET }, (_, n): Record<string, unknown> => ({
      ...row('a02', n),
      SystemModstamp: '2026-11-27T00:00:00.000+0000',
    })).filter((record) => !names || names.includes(`'${String(record.Name)}'`));
    const page = { totalSize: records.length, done: true, records };
    return Promise.resolve((sub ? { compositeResponse: [{ referenceId: sub.referenceId, httpStatusCode: 200, body: page }] } : page) as T);
  }
}

class Writer implements RecordWriter {
  public inserted = 0;
  public write(request: WriteRequest): Promise<WriteOutcome[]> {
    this.inserted += request.items.length;
    return Promise.resolve(request.items.map((item) => ({ sourceId: item.sourceId, targetId: `a02${item.sourceId.slice(3)}`, ok: true, created: true })));
  }
}

const spec = (): ObjectSyncSpec => nameKeyedSpec(OBJECT);

function context(target: Target, writer: Writer, targetRecords: number): EngineRun {
  return engineRun({
    source,
    target,
    writer,
    templateObjects: new Set([OBJECT]),
    pageSize: PAGE,
    counts: RecordCounts.of({ [OBJECT]: SOURCE_RECORDS }, { [OBJECT]: targetRecords }),
  });
}

describe('matching by one read of a small target', () => {
  it('reads the whole target once instead of a query per source page when that costs fewer calls', async () => {
    const target = new Target();
    const writer = new Writer();
    const counts = await new ObjectSync(spec(), context(target, writer, IN_TARGET)).run();
    expect(target.soql).to.deep.equal([`SELECT Id, SystemModstamp, Name FROM ${OBJECT}`]);
    expect(counts.unchanged).to.equal(IN_TARGET);
    expect(counts.inserted).to.equal(SOURCE_RECORDS - IN_TARGET);
    expect(writer.inserted).to.equal(SOURCE_RECORDS - IN_TARGET);
  });

  it('chooses by calls: one page of target against a query per source page, never a very large target', () => {
    expect(preferFullTargetRead(5000, 300, 1000)).to.equal(true); // 1 read < 5 queries
    expect(preferFullTargetRead(5000, 9000, 1000)).to.equal(false); // 5 reads = 5 queries: keep the queries
    expect(preferFullTargetRead(2000, 300, 2000)).to.equal(false); // 1 = 1
    expect(preferFullTargetRead(10_000_000, MAX_INDEXED_RECORDS + 1, 2000)).to.equal(false);
    expect(preferFullTargetRead(5000, 0, 1000)).to.equal(false); // empty: nothing to match at all
  });

  it('keeps a query per source page when reading the target would take more calls', async () => {
    const target = new Target();
    const writer = new Writer();
    // 12,000 target records: 6 pages to read, against 5 pages of source records.
    await new ObjectSync(spec(), context(target, writer, 12_000)).run();
    expect(target.soql.filter((soql) => soql.includes(' IN ('))).to.have.length(SOURCE_RECORDS / PAGE);
  });
});
