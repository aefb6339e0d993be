import { expect } from 'chai';
import pLimit from 'p-limit';
import type { OrgApi } from '../../../src/lib/api/orgApi.js';
import type { JournalEvent } from '../../../src/lib/journal/events.js';
import { createdByRun, intentEvent } from '../../../src/lib/load/batchJournal.js';
import { BatchWriter } from '../../../src/lib/load/batchWriter.js';

describe('batch journaling: intents and who created a record', () => {
  it('journals the previous values of an update with its intent', () => {
    const event = intentEvent('b1', {
      object: 'Account',
      operation: 'update',
      items: [
        { sourceId: 's1', targetId: 't1', values: { Name: 'New' }, before: { Name: 'Old' } },
        { sourceId: 's2', targetId: 't2', values: { Name: 'N' } },
      ],
    });
    expect(event).to.deep.include({ type: 'batchStart', operation: 'update', sourceIds: ['s1', 's2'], before: { s1: { Name: 'Old' } } });
    expect(intentEvent('b2', { object: 'Account', operation: 'insert', items: [{ sourceId: 's1', values: {} }] })).to.not.have.property('before');
  });

  it('counts an upsert that matched as this run’s creation only when an earlier attempt sent its insert', () => {
    const upsert = { object: 'Account', operation: 'upsert' as const, items: [] };
    expect(createdByRun(upsert, { sourceId: 's', values: {} }, { ok: true, created: false })).to.equal(false);
    expect(createdByRun(upsert, { sourceId: 's', values: {}, insertInDoubt: true }, { ok: true, created: false })).to.equal(true);
    expect(createdByRun(upsert, { sourceId: 's', values: {}, insertInDoubt: true }, { ok: false, created: false })).to.equal(false);
    expect(createdByRun({ ...upsert, operation: 'insert' }, { sourceId: 's', values: {} }, { ok: true, created: false })).to.equal(true);
  });

  it('journals an upsert resent after its answer was lost as created, though the org says it matched', async () => {
    const journal: JournalEvent[] = [];
    let calls = 0;
    // The first answer is lost after the org committed the record; the resend finds it by its external id.
    const api: OrgApi = {
      apiVersion: '62.0',
      request: () =>
        ++calls === 1
          ? Promise.reject(Object.assign(new Error('socket hang up'), { errorCode: 'ECONNRESET' }))
          : Promise.resolve([{ id: '001t00000000001AAA', success: true, created: false, errors: [] }]),
    } as unknown as OrgApi;
    const writer = new BatchWriter({
      api,
      journal: { append: (...events: JournalEvent[]) => journal.push(...events) },
      limiter: pLimit(1),
      backoff: { maxAttempts: 3, baseMs: 1, maxMs: 1 },
    });
    const [outcome] = await writer.write({
      object: 'Account',
      operation: 'upsert',
      externalIdField: 'Ext__c',
      items: [{ sourceId: '001000000000001AAA', values: { Ext__c: 'x' } }],
    });
    expect(calls).to.equal(2);
    expect(outcome).to.include({ ok: true, created: true });
    expect(journal.find((event) => event.type === 'record')).to.include({ created: true });
  });
});
