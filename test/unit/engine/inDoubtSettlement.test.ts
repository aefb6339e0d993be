import { expect } from 'chai';
import type { JournalEvent } from '../../../src/lib/journal/events.js';
import type { InDoubtWrites } from '../../../src/lib/journal/inDoubtWrites.js';
import { InDoubtSettlement } from '../../../src/lib/load/inDoubtSettlement.js';
import { IdMap } from '../../../src/lib/util/idMap.js';

const at = '2026-12-06T10:00:00.000Z';
const doubts: InDoubtWrites = {
  inserts: new Map([['001000000000001', { batch: 'b1', at }]]),
  updates: new Map([['001000000000002', { batch: 'u1', before: { Name: 'Old', Rating: null } }]]),
  isClaimed: () => false,
};

function settlement(): { journal: JournalEvent[]; claimed: IdMap; settle: InDoubtSettlement } {
  const journal: JournalEvent[] = [];
  const claimed = new IdMap();
  return { journal, claimed, settle: new InDoubtSettlement('Account', doubts, { append: (...events) => journal.push(...events) }, claimed) };
}

describe('InDoubtSettlement: a write an earlier attempt lost the answer of, found in the target', () => {
  it('records an insert in doubt found by key as this run’s insert, once, and claims the target record', () => {
    const { journal, claimed, settle } = settlement();
    expect(settle.insertInDoubt('001000000000001AAA')).to.equal(true);
    expect(settle.settle('001000000000001AAA', { kind: 'unchanged', targetId: '001t00000000001AAA' }, {})).to.equal('inserted');
    expect(journal[0]).to.deep.include({
      type: 'record',
      object: 'Account',
      operation: 'insert',
      sourceId: '001000000000001AAA',
      targetId: '001t00000000001AAA',
      ok: true,
      created: true,
    });
    expect(journal[1]).to.include({ type: 'batchEnd', batch: (journal[0] as { batch: string }).batch });
    expect(claimed.get('001t00000000001AAA')).to.equal('001000000000001AAA');
    expect(settle.insertInDoubt('001000000000001AAA')).to.equal(false);
    expect(settle.settle('001000000000001AAA', { kind: 'unchanged', targetId: '001t00000000001AAA' }, {})).to.equal(undefined);
  });

  it('adopts an insert in doubt whatever the comparison says (it may still need an update)', () => {
    const { settle } = settlement();
    const decision = { kind: 'update' as const, targetId: '001t00000000001AAA', changes: { Name: 'N' }, before: { Name: null } };
    expect(settle.settle('001000000000001AAA', decision, { Name: 'N' })).to.equal('inserted');
  });

  it('records an update in doubt found applied as this run’s update, with the previous values of its intent', () => {
    const { journal, settle } = settlement();
    expect(settle.settle('001000000000002AAA', { kind: 'unchanged', targetId: '001t00000000002AAA' }, { Name: 'New', Rating: 'Hot', Phone: '1' })).to.equal(
      'updated'
    );
    expect(journal[0]).to.deep.include({ operation: 'update', ok: true, before: { Name: 'Old', Rating: null }, values: { Name: 'New', Rating: 'Hot' } });
  });

  it('leaves an update that did not get in (still different) to be sent again, and records with no doubt alone', () => {
    const { journal, settle } = settlement();
    const decision = { kind: 'update' as const, targetId: '001t00000000002AAA', changes: { Name: 'New' }, before: { Name: 'Old' } };
    expect(settle.settle('001000000000002AAA', decision, { Name: 'New' })).to.equal(undefined);
    expect(settle.settle('001000000000009AAA', { kind: 'unchanged', targetId: '001t00000000009AAA' }, {})).to.equal(undefined);
    expect(settle.settle('001000000000001AAA', { kind: 'insert', values: {} }, {})).to.equal(undefined);
    expect(journal).to.deep.equal([]);
  });
});
