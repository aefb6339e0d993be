import { expect } from 'chai';
import pLimit from 'p-limit';
import type { OrgApi } from '../../../src/lib/api/orgApi.js';
import type { JournalEvent } from '../../../src/lib/journal/events.js';
import { BatchWriter } from '../../../src/lib/load/batchWriter.js';
import { RunStop } from '../../../src/lib/load/runStop.js';

describe('BatchWriter and the run guards', () => {
  it('stops with the RunStop a guard throws for a write call, instead of failing the batch’s records', async () => {
    const journal: JournalEvent[] = [];
    // What CountingOrgApi does once the API budget is reached: the call never leaves.
    const api: OrgApi = { apiVersion: '62.0', request: () => Promise.reject(new RunStop('apiBudget', 'The target org reached the API budget.')) };
    const writer = new BatchWriter({
      api,
      journal: { append: (...events: JournalEvent[]) => journal.push(...events) },
      limiter: pLimit(1),
      backoff: { maxAttempts: 3, baseMs: 1, maxMs: 1 },
    });
    const outcome = await writer.write({ object: 'Account', operation: 'insert', items: [{ sourceId: '001AAAAA0000001AAA', values: { Name: 'A' } }] }).then(
      () => 'written',
      (error: unknown) => error
    );
    expect(outcome).to.be.instanceOf(RunStop);
    expect((outcome as RunStop).reason).to.equal('apiBudget');
    // The intent is journaled, no outcome: the batch stays open and a resume checks it.
    expect(journal.map((event) => event.type)).to.deep.equal(['batchStart']);
  });
});
