import { expect } from 'chai';
import type { JournalEvent } from '../../../src/lib/journal/events.js';
import { OutcomeFold } from '../../../src/lib/journal/recordOutcomes.js';

const S = '001000000000001AAA';
const T = '001t00000000001AAA';
const inserted: JournalEvent = { type: 'record', batch: 'b1', object: 'Account', operation: 'insert', sourceId: S, targetId: T, ok: true, created: true };
const updated: JournalEvent = { type: 'record', batch: 'b2', object: 'Account', operation: 'update', sourceId: S, targetId: T, ok: true };
const unchanged: JournalEvent = { type: 'outcome', object: 'Account', sourceId: S, targetId: T, kind: 'unchanged' };
const failed: JournalEvent = {
  type: 'record',
  batch: 'b3',
  object: 'Account',
  operation: 'update',
  sourceId: S,
  targetId: T,
  ok: false,
  error: { statusCode: 'X', message: 'm', fields: [] },
};

function statusAfter(...events: JournalEvent[]): string[] {
  const fold = new OutcomeFold();
  for (const event of events) fold.add(event);
  return [...fold.values()].map((outcome) => outcome.status);
}

describe('a record’s history within a run (OutcomeFold)', () => {
  it('keeps a record the run inserted counted as inserted when a resume finds it again unchanged or updates it', () => {
    expect(statusAfter(inserted, unchanged)).to.deep.equal(['inserted']);
    expect(statusAfter(inserted, updated, unchanged)).to.deep.equal(['inserted']);
  });

  it('keeps a record the run updated counted as updated when a resume finds it unchanged', () => {
    expect(statusAfter(updated, unchanged)).to.deep.equal(['updated']);
  });

  it('shows a later failure, and the insert again once a retry fixes it', () => {
    expect(statusAfter(inserted, failed)).to.deep.equal(['failed']);
    expect(statusAfter(inserted, failed, unchanged)).to.deep.equal(['inserted']);
  });

  it('counts a record the run only found as unchanged', () => {
    expect(statusAfter(unchanged, unchanged)).to.deep.equal(['unchanged']);
  });
});
