import { expect } from 'chai';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import type { RecordWriter, WriteOutcome, WriteRequest } from '../../../src/lib/load/writeTypes.js';
import { ObjectSync } from '../../../src/lib/load/objectSync.js';
import { RecordCounts } from '../../../src/lib/load/recordCounts.js';
import type { ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { engineRun, nameKeyedSpec } from './engineRunKit.js';

const OBJECT = 'Widget__c';
const RECORDS = 1000;

/** A source with one page of RECORDS rows, and an empty target. */
function org(kind: 'source' | 'target'): OrgApi {
  return {
    apiVersion: '62.0',
    request<T>(_method: HttpMethod, path: string): Promise<T> {
      const firstPage = kind === 'source' && !decodeURIComponent(path).includes('Id >');
      const records = firstPage
        ? Array.from({ length: RECORDS }, (_, index) => ({
            attributes: { type: OBJECT },
            Id: `a01AAAAA${String(index).padStart(7, '0')}AAA`,
            Name: `W ${index}`,
          }))
        : [];
      return Promise.resolve({ totalSize: records.length, done: true, records } as T);
    },
  };
}

/** Answers every write at once; notes how many writes had been made when the event loop first turned. */
class TurnWatchingWriter implements RecordWriter {
  public calls = 0;
  public callsAtFirstTurn: number | undefined;

  public write(request: WriteRequest): Promise<WriteOutcome[]> {
    if (this.calls++ === 0) setImmediate(() => (this.callsAtFirstTurn = this.calls));
    return Promise.resolve(request.items.map((item) => ({ sourceId: item.sourceId, targetId: `a02${item.sourceId.slice(3)}`, ok: true, created: true })));
  }
}

async function sync(spec: ObjectSyncSpec): Promise<TurnWatchingWriter> {
  const writer = new TurnWatchingWriter();
  const context = engineRun({ source: org('source'), target: org('target'), writer, counts: RecordCounts.of({ [OBJECT]: RECORDS }, { [OBJECT]: 0 }) });
  const counts = await new ObjectSync(spec, context).run();
  expect(counts.inserted).to.equal(RECORDS);
  return writer;
}

describe('ObjectSync handles a page a batch at a time', () => {
  it('sends the first batch of a page, and lets the event loop turn, before preparing the rest (matched object)', async () => {
    const writer = await sync(nameKeyedSpec(OBJECT));
    expect(writer.calls).to.equal(RECORDS / 200);
    // Handled in one go, the page's five batches would all be sent before the event loop turned (here the
    // whole run would end within one turn: every answer is already resolved).
    expect(writer.callsAtFirstTurn, 'writes made when the event loop first turned').to.equal(1);
  });

  it('does the same for an insert-only object (no match key)', async () => {
    const keyed = nameKeyedSpec(OBJECT);
    const writer = await sync({ ...keyed, object: { ...keyed.object, matchBy: null } });
    expect(writer.calls).to.equal(RECORDS / 200);
    expect(writer.callsAtFirstTurn, 'writes made when the event loop first turned').to.equal(1);
  });
});
