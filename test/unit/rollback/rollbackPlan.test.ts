import { expect } from 'chai';
import type { JournalEvent } from '../../../src/lib/journal/events.js';
import { RollbackPlanner } from '../../../src/lib/rollback/rollbackPlan.js';

type RecordFields = Partial<Extract<JournalEvent, { type: 'record' }>>;

function plan(events: JournalEvent[]): ReturnType<RollbackPlanner['plan']> {
  const planner = new RollbackPlanner();
  for (const event of events) planner.add(event);
  return planner.plan();
}

function batch(name: string, at: string, records: RecordFields[]): JournalEvent[] {
  const object = name.split(':')[0];
  return [
    { type: 'batchStart', at, batch: name, object, operation: records[0].operation ?? 'insert', sourceIds: records.map((r) => r.sourceId ?? '') },
    ...records.map((r): JournalEvent => ({ type: 'record', batch: name, object, operation: 'insert', sourceId: 's', targetId: null, ok: true, ...r })),
    { type: 'batchEnd', at, batch: name },
  ];
}

const T1 = '2026-01-01T00:00:01.000Z';
const T2 = '2026-01-01T00:00:02.000Z';

describe('rollback plan from a journal', () => {
  it('deletes only records the run created with success; never failures, matches or in-doubt inserts', () => {
    const result = plan([
      ...batch('Account:1', T1, [
        { sourceId: 's1', targetId: '001000000000001AAA', created: true },
        { sourceId: 's2', targetId: null, ok: false, error: { statusCode: 'ISYNC_IN_DOUBT', message: 'm', fields: [] } },
        { sourceId: 's3', targetId: '001000000000003AAA', operation: 'upsert', created: true },
        { sourceId: 's4', targetId: '001000000000004AAA', operation: 'upsert', before: undefined },
      ]),
      { type: 'outcome', object: 'Account', sourceId: 's5', targetId: '001000000000005AAA', kind: 'unchanged' },
    ]);
    expect(result.deletes.get('Account')!.map((r) => [r.sourceId, r.lastWriteAt])).to.deep.equal([
      ['s1', T1],
      ['s3', T1],
    ]);
    // An upsert that matched an existing record: no previous values were journaled, so it cannot be restored.
    expect(result.restores.get('Account')!.map((r) => [r.sourceId, r.missingBefore])).to.deep.equal([['s4', true]]);
  });

  it('restores the values from before the first change and checks against the last values written', () => {
    const id = '003000000000001AAA';
    const result = plan([
      ...batch('Contact:1', T1, [
        { sourceId: 'c1', targetId: id, operation: 'update', values: { Title: 'B', Phone: '1' }, before: { Title: 'A', Phone: null } },
      ]),
      ...batch('Contact:9', T2, [
        { sourceId: 'c1', targetId: id, operation: 'deferred', values: { Title: 'C', ReportsToId: 'x' }, before: { Title: 'B', ReportsToId: null } },
      ]),
    ]);
    expect(result.restores.get('Contact')).to.deep.equal([
      {
        object: 'Contact',
        sourceId: 'c1',
        targetId: id,
        lastWriteAt: T2,
        before: { Title: 'A', Phone: null, ReportsToId: null },
        written: { Title: 'C', Phone: '1', ReportsToId: 'x' },
        missingBefore: false,
      },
    ]);
  });

  it('a record the run created and then updated is deleted (not restored), as of its last write', () => {
    const id = '001000000000001AAA';
    const result = plan([
      ...batch('Account:1', T1, [{ sourceId: 's1', targetId: id, created: true }]),
      ...batch('Account:2', T2, [{ sourceId: 's1', targetId: id.slice(0, 15), operation: 'deferred', values: { ParentId: 'p' }, before: { ParentId: null } }]),
    ]);
    expect(result.deletes.get('Account')!.map((r) => r.lastWriteAt)).to.deep.equal([T2]);
    expect(result.restores.size).to.equal(0);
  });

  it('counts what an earlier rollback undid (deleted, already deleted, restored, already undone) as done', () => {
    const ids = ['001000000000001AAA', '001000000000002AAA', '001000000000003AAA', '001000000000004AAA', '001000000000005AAA'];
    const result = plan([
      ...batch(
        'Account:1',
        T1,
        ids.slice(0, 4).map((targetId, i) => ({ sourceId: `s${i}`, targetId, created: true }))
      ),
      ...batch('Account:2', T1, [{ sourceId: 's4', targetId: ids[4], operation: 'update', values: { Name: 'n' }, before: { Name: 'o' } }]),
      ...batch('Account:1', T2, [
        { sourceId: 's0', targetId: ids[0], operation: 'delete' },
        {
          sourceId: 's1',
          targetId: ids[1],
          operation: 'delete',
          ok: false,
          error: { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] },
        },
        { sourceId: 's2', targetId: ids[2], operation: 'delete', ok: false, error: { statusCode: 'DELETE_FAILED', message: 'm', fields: [] } },
      ]),
      { type: 'undoOutcome', at: T2, object: 'Account', sourceId: 's4', targetId: ids[4], operation: 'restore', kind: 'alreadyUndone', reason: 'r' },
      { type: 'undoOutcome', at: T2, object: 'Account', sourceId: 's3', targetId: ids[3], operation: 'delete', kind: 'changed', reason: 'r' },
    ]);
    expect(result.deletes.get('Account')!.map((r) => r.sourceId)).to.deep.equal(['s2', 's3']);
    expect(result.restores.size).to.equal(0);
    expect(result.alreadyUndone.get('Account')).to.equal(3);
  });

  it('brings back the matches a run deleted (--include-deleted): confirmed or in doubt, not refused ones, once', () => {
    const values = (id: string): Record<string, unknown> => ({ Id: id, Subject: `case ${id}`, AccountId: '001000000000001AAA' });
    const intent: JournalEvent = {
      type: 'batchStart',
      at: T1,
      batch: 'Case:9',
      object: 'Case',
      operation: 'deleteMatch',
      sourceIds: ['c1', 'c2', 'c3'],
      before: { c1: values('500000000000001AAA'), c2: values('500000000000002AAA'), c3: values('500000000000003AAA') },
    };
    const record = (sourceId: string, targetId: string, fields: RecordFields = {}): JournalEvent => ({
      type: 'record',
      batch: 'Case:9',
      object: 'Case',
      operation: 'deleteMatch',
      sourceId,
      targetId,
      ok: true,
      ...fields,
    });
    const refused = { ok: false, error: { statusCode: 'DELETE_FAILED', message: 'restricted', fields: [] } };
    // c1 deleted, c2 refused, c3 in doubt (the answer was lost).
    const first = plan([intent, record('c1', '500000000000001AAA'), record('c2', '500000000000002AAA', refused)]);
    expect(first.undeletes.get('Case')!.map((r) => [r.sourceId, r.inDoubt, r.values.Subject])).to.deep.equal([
      ['c1', false, 'case 500000000000001AAA'],
      ['c3', true, 'case 500000000000003AAA'],
    ]);
    expect(first.undeletes.get('Case')![0].values).to.not.have.property('Id');
    // A rollback brought c1 back (undelete) and c3 (inserted again under a new id): nothing is left to do.
    const undone = plan([
      intent,
      record('c1', '500000000000001AAA'),
      record('c2', '500000000000002AAA', refused),
      { ...(record('c1', '500000000000001AAA') as RecordFields), operation: 'undelete', batch: 'undelete:1' } as JournalEvent,
      {
        ...(record('c3', '500000000000009AAA') as RecordFields),
        operation: 'reinsert',
        batch: 'reinsert:1',
        before: { Id: '500000000000003AAA' },
      } as JournalEvent,
    ]);
    expect(undone.undeletes.size).to.equal(0);
    expect(undone.alreadyUndone.get('Case')).to.equal(2);
  });
});
