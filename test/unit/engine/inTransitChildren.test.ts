import { expect } from 'chai';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import type { RecordWriter, WriteOutcome, WriteRequest } from '../../../src/lib/load/writeTypes.js';
import { ObjectSync } from '../../../src/lib/load/objectSync.js';
import { RecordCounts } from '../../../src/lib/load/recordCounts.js';
import { engineRun, nameKeyedSpec } from './engineRunKit.js';

const OBJECT = 'Tree__c';
const PARENT = 'a04AAAAA0000001AAA';
const CHILD = 'a04AAAAA0000002AAA';

/** A source with a parent and its child (the child read first, so it waits for the parent). */
const source: OrgApi = {
  apiVersion: '62.0',
  request<T>(): Promise<T> {
    const records = [
      { attributes: { type: OBJECT }, Id: CHILD, Name: 'Child', ParentId: PARENT },
      { attributes: { type: OBJECT }, Id: PARENT, Name: 'Parent', ParentId: null },
    ];
    return Promise.resolve({ totalSize: 2, done: true, records } as T);
  },
};

/** The target after the child's insert got in although its answer was lost: a match query finds it by Name. */
class Target implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly soql: string[] = [];
  public request<T>(_method: HttpMethod, path: string): Promise<T> {
    const soql = decodeURIComponent(path.replace('/query?q=', ''));
    this.soql.push(soql);
    const records = soql.includes("'Child'") ? [{ Id: 'a04TTTTT0000002AAA', Name: 'Child', SystemModstamp: '2026-11-27T00:00:00.000+0000' }] : [];
    return Promise.resolve({ totalSize: records.length, done: true, records } as T);
  }
}

/** Answers inserts; for the child's batch, asks what got in, as BatchWriter does after a dropped connection. */
class Writer implements RecordWriter {
  public verified: Map<string, string> | undefined;
  public async write(request: WriteRequest): Promise<WriteOutcome[]> {
    if (request.items.some((item) => item.sourceId === CHILD)) {
      this.verified = await request.verifyInserted!(request.items);
      return request.items.map((item) => ({ sourceId: item.sourceId, targetId: this.verified!.get(item.sourceId) ?? null, ok: true, created: true }));
    }
    return request.items.map((item) => ({ sourceId: item.sourceId, targetId: `a04TTTTT${item.sourceId.slice(8)}`, ok: true, created: true }));
  }
}

describe('a self-referencing child whose insert failed in transit', () => {
  it('is checked in the target by its own key fields, kept while it waited for its parent', async () => {
    const target = new Target();
    const writer = new Writer();
    const context = engineRun({
      source,
      target,
      writer,
      objectOfId: () => OBJECT,
      templateObjects: new Set([OBJECT]),
      counts: RecordCounts.of({ [OBJECT]: 2 }, { [OBJECT]: 0 }),
    });
    await new ObjectSync(nameKeyedSpec(OBJECT, true), context).run();
    // Without its key fields the child could not be looked up, and would be sent again (a duplicate).
    expect(target.soql.some((soql) => soql.includes("Name IN ('Child')"))).to.equal(true);
    expect(writer.verified?.get(CHILD)).to.equal('a04TTTTT0000002AAA');
  });
});
