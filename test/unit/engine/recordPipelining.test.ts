import { expect } from 'chai';
import type { OrgApi } from '../../../src/lib/api/orgApi.js';
import type { RecordWriter, WriteOutcome, WriteRequest } from '../../../src/lib/load/writeTypes.js';
import { ObjectSync } from '../../../src/lib/load/objectSync.js';
import { ParentArrivals } from '../../../src/lib/load/parentArrivals.js';
import type { EngineRun } from '../../../src/lib/load/engineRun.js';
import { RecordCounts } from '../../../src/lib/load/recordCounts.js';
import { type ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { describe as describeObject, field, lookup } from './describeKit.js';
import { engineRun, nameKeyedSpec } from './engineRunKit.js';
import { PARENT_NOT_SYNCED } from '../../../src/lib/util/outcomeCodes.js';

const PARENT = 'Parent__c';
const CHILD = 'Child__c';
const P1 = 'a01AAAAA0000001AAA';
const P2 = 'a01AAAAA0000002AAA';
/** A parent record the parent object does not bring (filtered out of its source query). */
const P_OUTSIDE = 'a01AAAAA0000009AAA';
const C1 = 'a02AAAAA0000001AAA';
const C2 = 'a02AAAAA0000002AAA';
const C_ORPHAN = 'a02AAAAA0000009AAA';

/** A child keyed by Name with a required lookup to the parent. */
function childSpec(): ObjectSyncSpec {
  const described = describeObject(CHILD, [field('Name', { nameField: true }), lookup('Parent__c', [PARENT], { nillable: false })]);
  return {
    object: {
      name: CHILD,
      fields: ['Name', 'Parent__c'],
      requestedFields: null,
      excludeFields: [],
      matchBy: { source: ['Name'], target: ['Name'] },
      history: false,
      insert: true,
      update: true,
    },
    source: described,
    target: described,
    fields: described.fields.filter((candidate) => candidate.name !== 'Id'),
    deferredLookups: new Set(),
    selfReferences: new Set(),
  };
}

/** The source: each object's rows (keyset pages: everything in the first, nothing after an Id). */
function source(rows: Record<string, Array<Record<string, unknown>>>): OrgApi {
  return {
    apiVersion: '62.0',
    request<T>(_method: string, path: string): Promise<T> {
      const soql = decodeURIComponent(path.replace('/query?q=', ''));
      const object = /FROM (\w+)/.exec(soql)![1];
      const records = soql.includes('Id > ') ? [] : (rows[object] ?? []);
      return Promise.resolve({ totalSize: records.length, done: true, records } as T);
    },
  };
}

/** An empty target: nothing matches, references outside the run are not found. */
const emptyTarget: OrgApi = {
  apiVersion: '62.0',
  request<T>(): Promise<T> {
    return Promise.resolve({ totalSize: 0, done: true, records: [] } as T);
  },
};

/** Inserts one batch at a time as the test releases them, logging what was written when. */
class ScriptedWriter implements RecordWriter {
  public readonly log: string[] = [];
  private readonly gates = new Map<string, () => void>();

  /** The batch holding `sourceId` is answered only once `release(sourceId)` is called. */
  public hold(sourceId: string): void {
    this.gates.set(sourceId, () => {});
  }

  public release(sourceId: string): void {
    const open = this.gates.get(sourceId);
    this.gates.delete(sourceId);
    open?.();
  }

  public async write(request: WriteRequest): Promise<WriteOutcome[]> {
    const held = request.items.find((item) => this.gates.has(item.sourceId));
    if (held) await new Promise<void>((resolve) => this.gates.set(held.sourceId, resolve));
    this.log.push(...request.items.map((item) => `${request.object}:${item.sourceId}`));
    return request.items.map((item) => ({ sourceId: item.sourceId, targetId: `T${item.sourceId.slice(1)}`, ok: true, created: true }));
  }
}

function pipelinedContext(rows: Record<string, Array<Record<string, unknown>>>, writer: RecordWriter, emit?: EngineRun['emit']): EngineRun {
  return engineRun({
    source: source(rows),
    target: emptyTarget,
    writer,
    batchSize: 1,
    objectOfId: (id) => (id.startsWith('a01') ? PARENT : id.startsWith('a02') ? CHILD : undefined),
    keysOf: (object) => (object === PARENT ? [{ source: ['Name'], target: ['Name'] }] : []),
    templateObjects: new Set([PARENT, CHILD]),
    counts: RecordCounts.of({ [PARENT]: 2, [CHILD]: 3 }, { [PARENT]: 0, [CHILD]: 0 }),
    arrivals: (idMap) => new ParentArrivals([PARENT, CHILD], idMap),
    emit,
  });
}

/** Runs an object and tells the run's arrivals when it is done (or failed), as runObjects does. */
async function runObject(spec: ObjectSyncSpec, context: EngineRun): Promise<void> {
  try {
    await new ObjectSync(spec, context).run();
    context.state.arrivals!.finished(spec.object.name);
  } catch (error) {
    context.state.arrivals!.abort(error);
    throw error;
  }
}

const row = (object: string, id: string, name: string, parent?: string): Record<string, unknown> => ({
  attributes: { type: object },
  Id: id,
  Name: name,
  ...(parent === undefined ? {} : { Parent__c: parent }),
});

describe('record-level pipelining across objects', () => {
  it("writes a child as soon as its own parent is in, before the parent object's other records", async () => {
    const writer = new ScriptedWriter();
    writer.hold(P2);
    const context = pipelinedContext(
      { [PARENT]: [row(PARENT, P1, 'One'), row(PARENT, P2, 'Two')], [CHILD]: [row(CHILD, C1, 'Child one', P1), row(CHILD, C2, 'Child two', P2)] },
      writer
    );
    const parent = runObject(nameKeyedSpec(PARENT), context);
    const child = runObject(childSpec(), context);
    // The child of P1 gets in while P2's batch is still out.
    while (!writer.log.includes(`${CHILD}:${C1}`)) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(writer.log).to.deep.equal([`${PARENT}:${P1}`, `${CHILD}:${C1}`]);
    writer.release(P2);
    await Promise.all([parent, child]);
    expect(writer.log).to.deep.equal([`${PARENT}:${P1}`, `${CHILD}:${C1}`, `${PARENT}:${P2}`, `${CHILD}:${C2}`]);
    expect(context.state.idMap.get(C2)).to.equal(`T${C2.slice(1)}`);
  });

  it('lets a child whose parent the parent object did not bring wait for that object to finish, then fail it', async () => {
    const writer = new ScriptedWriter();
    writer.hold(P1);
    const failures: string[] = [];
    const context = pipelinedContext({ [PARENT]: [row(PARENT, P1, 'One')], [CHILD]: [row(CHILD, C_ORPHAN, 'Orphan', P_OUTSIDE)] }, writer, (event) => {
      if (event.type === 'failure') failures.push(`${event.object}:${event.code}`);
    });
    const parent = runObject(nameKeyedSpec(PARENT), context);
    const child = runObject(childSpec(), context);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Still waiting: the parent object may yet bring that record.
    expect(failures).to.deep.equal([]);
    writer.release(P1);
    await Promise.all([parent, child]);
    expect(failures).to.deep.equal([`${CHILD}:${PARENT_NOT_SYNCED}`]);
    expect(writer.log).to.deep.equal([`${PARENT}:${P1}`]);
  });

  it('stops a waiting child when the parent object fails, instead of waiting for ever', async () => {
    const failing: RecordWriter = { write: () => Promise.reject(new Error('the org went away')) };
    const context = pipelinedContext({ [PARENT]: [row(PARENT, P1, 'One')], [CHILD]: [row(CHILD, C1, 'Child one', P1)] }, failing);
    const outcomes = await Promise.allSettled([runObject(nameKeyedSpec(PARENT), context), runObject(childSpec(), context)]);
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(['rejected', 'rejected']);
    expect(outcomes.map((outcome) => ((outcome as PromiseRejectedResult).reason as Error).message)).to.deep.equal(['the org went away', 'the org went away']);
  });
});
