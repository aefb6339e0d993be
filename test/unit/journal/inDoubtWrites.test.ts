import { expect } from 'chai';
import type { JournalEvent } from '../../../src/lib/journal/events.js';
import { failedInTransit, InDoubtWritesReader } from '../../../src/lib/journal/inDoubtWrites.js';

const at = '2026-11-27T10:00:00.000Z';
const start = (batch: string, object: string, sourceIds: string[], operation: 'insert' | 'update' = 'insert'): JournalEvent => ({
  type: 'batchStart',
  at,
  batch,
  object,
  operation,
  sourceIds,
});
const record = (batch: string, sourceId: string, outcome: { ok: boolean; targetId?: string; code?: string }): JournalEvent => ({
  type: 'record',
  batch,
  object: 'Task',
  operation: 'insert',
  sourceId,
  targetId: outcome.targetId ?? null,
  ok: outcome.ok,
  ...(outcome.code ? { error: { statusCode: outcome.code, message: 'x', fields: [] } } : {}),
});

describe('writes in doubt, from the journal', () => {
  it('keeps what an open batch or a failure in transit left in doubt, with its batch start, and the claimed ids', () => {
    const reader = new InDoubtWritesReader(new Set(['Task']));
    const events: JournalEvent[] = [
      start('b1', 'Task', ['00T000000000001AAA', '00T000000000002AAA', '00T000000000003AAA', '00T000000000004AAA']),
      record('b1', '00T000000000001AAA', { ok: true, targetId: '00Tt00000000001AAA' }),
      record('b1', '00T000000000002AAA', { ok: false, code: 'REQUIRED_FIELD_MISSING' }),
      record('b1', '00T000000000003AAA', { ok: false, code: 'ISYNC_IN_DOUBT' }),
      record('b1', '00T000000000004AAA', { ok: false, code: 'ECONNRESET' }),
      { type: 'batchEnd', at, batch: 'b1' },
      start('b2', 'Task', ['00T000000000005AAA']),
      start('b3', 'Account', ['001000000000001AAA']),
      start('b4', 'Task', ['00T000000000006AAA'], 'update'),
    ];
    for (const event of events) reader.add(event);
    const result = reader.result();
    expect([...result.keys()]).to.deep.equal(['Task', 'Account']);
    const task = result.get('Task')!;
    expect([...task.inserts.entries()]).to.deep.equal([
      ['00T000000000003', { batch: 'b1', at }],
      ['00T000000000004', { batch: 'b1', at }],
      ['00T000000000005', { batch: 'b2', at }],
    ]);
    // Keyed objects too: a resume that finds the record by its key adopts it as this run's insert.
    expect([...result.get('Account')!.inserts.keys()]).to.deep.equal(['001000000000001']);
    expect([...task.updates.entries()]).to.deep.equal([['00T000000000006', { batch: 'b4', before: {} }]]);
    expect(task.isClaimed('00Tt00000000001AAA')).to.equal(true);
    expect(task.isClaimed('00Tt00000000009AAA')).to.equal(false);
  });

  it('keeps the previous values an update intent journaled, until the update is answered', () => {
    const reader = new InDoubtWritesReader(new Set());
    reader.add({
      type: 'batchStart',
      at,
      batch: 'u1',
      object: 'Account',
      operation: 'update',
      sourceIds: ['001000000000001AAA', '001000000000002AAA'],
      before: { '001000000000001AAA': { Name: 'Old' } },
    });
    reader.add({
      type: 'record',
      batch: 'u1',
      object: 'Account',
      operation: 'update',
      sourceId: '001000000000002AAA',
      targetId: '001t00000000002AAA',
      ok: true,
    });
    const account = reader.result().get('Account')!;
    expect([...account.updates.entries()]).to.deep.equal([['001000000000001', { batch: 'u1', before: { Name: 'Old' } }]]);
  });

  it('keeps an insert in doubt when a later attempt fails the record before looking at the target', () => {
    const reader = new InDoubtWritesReader(new Set());
    reader.add(start('b1', 'Account', ['001000000000001AAA']));
    reader.add({
      type: 'outcome',
      object: 'Account',
      sourceId: '001000000000001AAA',
      targetId: null,
      kind: 'failed',
      error: { statusCode: 'ISYNC_PARENT_NOT_SYNCED', message: 'm', fields: [] },
    });
    expect([...reader.result().get('Account')!.inserts.keys()]).to.deep.equal(['001000000000001']);
    reader.add({ type: 'outcome', object: 'Account', sourceId: '001000000000001AAA', targetId: '001t00000000001AAA', kind: 'unchanged' });
    expect(reader.result().size).to.equal(0);
  });

  it('settles a record once a later attempt journals it', () => {
    const reader = new InDoubtWritesReader(new Set(['Task']));
    reader.add(start('b1', 'Task', ['00T000000000001AAA']));
    reader.add(record('b1:adopted', '00T000000000001AAA', { ok: true, targetId: '00Tt00000000001AAA' }));
    expect(reader.result().size).to.equal(0);
  });

  it('tells failures in transit from answers of the org', () => {
    expect(['ISYNC_IN_DOUBT', 'ECONNRESET', 'ERROR_HTTP_503', 'SERVER_UNAVAILABLE', 'TypeError'].map(failedInTransit)).to.deep.equal([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['REQUIRED_FIELD_MISSING', 'UNABLE_TO_LOCK_ROW', 'REQUEST_LIMIT_EXCEEDED', 'ERROR_HTTP_400'].map(failedInTransit)).to.deep.equal([
      false,
      false,
      false,
      false,
    ]);
  });
});
