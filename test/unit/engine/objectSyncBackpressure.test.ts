import { expect } from 'chai';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import type { RecordWriter, WriteOutcome, WriteRequest } from '../../../src/lib/load/writeTypes.js';
import { ObjectSync } from '../../../src/lib/load/objectSync.js';
import type { EngineRun } from '../../../src/lib/load/engineRun.js';
import { RecordCounts } from '../../../src/lib/load/recordCounts.js';
import type { ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { engineRun, nameKeyedSpec } from './engineRunKit.js';

const RECORDS_PER_OBJECT = 5000;
const PAGE_SIZE = 1000;
const KEY_PREFIXES: Record<string, string> = { Widget__c: 'a01', Gadget__c: 'a03', Tree__c: 'a04' };
/** The object whose records point to others of its own (ParentId). */
const TREE = 'Tree__c';

function sourceId(object: string, number: number): string {
  return `${KEY_PREFIXES[object]}AAAAA${String(number).padStart(7, '0')}AAA`;
}

/** A source org whose every object has RECORDS_PER_OBJECT rows, read in pages, and a target that is empty. */
function fakeOrg(kind: 'source' | 'target'): OrgApi {
  return {
    apiVersion: '62.0',
    request<T>(_method: HttpMethod, path: string): Promise<T> {
      if (kind === 'target') return Promise.resolve({ totalSize: 0, done: true, records: [] } as T);
      // Source reads come in keyset pages (`Id > last ORDER BY Id LIMIT n`): the page after the last id read.
      const soql = decodeURIComponent(path.replace('/query?q=', ''));
      const after = /Id > '(\w+)'/.exec(soql)?.[1];
      const page = after ? (Number(after.slice(8, 15)) + 1) / PAGE_SIZE : 0;
      const object = /FROM (\w+)/.exec(soql)![1];
      const count = page * PAGE_SIZE >= RECORDS_PER_OBJECT ? 0 : PAGE_SIZE;
      const records = Array.from({ length: count }, (_, index) => {
        const number = page * PAGE_SIZE + index;
        // The first half of the tree's records point to a parent in the second half: they wait for a later page.
        const parent = object === TREE && number < RECORDS_PER_OBJECT / 2 ? sourceId(object, number + RECORDS_PER_OBJECT / 2) : null;
        return { attributes: { type: object }, Id: sourceId(object, number), Name: `${object} ${number}`, ParentId: parent };
      });
      return Promise.resolve({ totalSize: records.length, done: true, records } as T);
    },
  };
}

/** Writes after a short delay and remembers the most records it ever held at once. */
class SlowWriter implements RecordWriter {
  public holding = 0;
  public peak = 0;
  public written = 0;
  public readonly parents = new Map<string, unknown>();

  public constructor(private readonly delayMs = 2) {}

  public async write(request: WriteRequest): Promise<WriteOutcome[]> {
    this.holding += request.items.length;
    this.peak = Math.max(this.peak, this.holding);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.holding -= request.items.length;
    this.written += request.items.length;
    for (const item of request.items) this.parents.set(item.sourceId, item.values.ParentId);
    return request.items.map((item) => ({ sourceId: item.sourceId, targetId: `a02${item.sourceId.slice(3)}`, ok: true, created: true }));
  }
}

function spec(name: string): ObjectSyncSpec {
  return nameKeyedSpec(name, name === TREE);
}

function context(writer: RecordWriter, maxUnwritten: number): EngineRun {
  const names = Object.keys(KEY_PREFIXES);
  return engineRun({
    source: fakeOrg('source'),
    target: fakeOrg('target'),
    writer,
    templateObjects: new Set(names),
    pageSize: PAGE_SIZE,
    maxRestRecords: maxUnwritten,
    counts: RecordCounts.of(Object.fromEntries(names.map((name) => [name, RECORDS_PER_OBJECT])), Object.fromEntries(names.map((name) => [name, 0]))),
  });
}

describe('ObjectSync backpressure across objects', () => {
  it('keeps the REST records in flight of objects running side by side near the run’s bound, and writes them all', async () => {
    const writer = new SlowWriter();
    const shared = context(writer, 400);
    const counts = await Promise.all(['Widget__c', 'Gadget__c'].map((name) => new ObjectSync(spec(name), shared).run()));
    expect(counts.map((entry) => entry.inserted)).to.deep.equal([RECORDS_PER_OBJECT, RECORDS_PER_OBJECT]);
    expect(writer.written).to.equal(2 * RECORDS_PER_OBJECT);
    // Each object may pass the bound by the page it just read, never by its 50 batches (10,000 records).
    expect(writer.peak).to.be.at.most(400 + 2 * PAGE_SIZE);
    expect(shared.state.inFlight.rest.records).to.equal(0);
    expect(shared.state.idMap.size).to.equal(2 * RECORDS_PER_OBJECT);
  });

  it('lets records that wait for a parent in a later page through: each is inserted with its parent’s target id', async () => {
    const writer = new SlowWriter();
    const shared = context(writer, 400);
    await new ObjectSync(spec(TREE), shared).run();
    expect(writer.written).to.equal(RECORDS_PER_OBJECT);
    expect(writer.parents.get(sourceId(TREE, 7))).to.equal(shared.state.idMap.get(sourceId(TREE, 7 + RECORDS_PER_OBJECT / 2)));
    expect(writer.parents.get(sourceId(TREE, 7))).to.match(/^a02/);
    expect(writer.parents.get(sourceId(TREE, RECORDS_PER_OBJECT - 1))).to.be.oneOf([null, undefined]);
  });

  it('without a run-wide bound, each object holds up to its own maxInflightBatches', async () => {
    // Writes slow enough for batches to pile up while pages are read (pages are handled a batch at a time).
    const writer = new SlowWriter(30);
    const shared = context(writer, Number.POSITIVE_INFINITY);
    await Promise.all(['Widget__c', 'Gadget__c'].map((name) => new ObjectSync(spec(name), shared).run()));
    expect(writer.peak).to.be.above(400 + 2 * PAGE_SIZE);
  });
});
