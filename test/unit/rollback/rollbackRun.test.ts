import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import type { JournalEvent } from '../../../src/lib/journal/events.js';
import type { RunMeta } from '../../../src/lib/journal/runMeta.js';
import type { RunState } from '../../../src/lib/journal/runState.js';
import { RunStore, type RunJournal } from '../../../src/lib/journal/runStore.js';
import { RunStop } from '../../../src/lib/load/runStop.js';
import { rollbackRun } from '../../../src/lib/rollback/rollbackRun.js';

const RUN_AT = '2026-01-01T10:00:00.000Z';
const BACKOFF = { maxAttempts: 1, baseMs: 1, maxMs: 1 };

/** A target org holding live rows by id: describe, `Id IN` queries, collection deletes and updates. */
class TargetOrg implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly writes: Array<{ method: string; object?: string; ids: string[] }> = [];
  public constructor(public readonly rows: Map<string, Record<string, unknown>>) {}

  public request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    const describe = /^\/sobjects\/(\w+)\/describe$/.exec(path);
    if (describe)
      return Promise.resolve({
        name: describe[1],
        fields: [
          { name: 'Id', type: 'id' },
          { name: 'Name', type: 'string' },
        ],
      } as T);
    // Long queries travel as the one subrequest of a Composite request (see queryPages).
    if (method === 'POST' && path === '/composite') {
      const [sub] = (body as { compositeRequest: Array<{ url: string }> }).compositeRequest;
      const query = sub.url.slice(sub.url.indexOf('/query?q='));
      return this.request('GET', query).then((result) => ({ compositeResponse: [{ body: result, httpStatusCode: 200, referenceId: 'query' }] }) as T);
    }
    if (path.startsWith('/query?q=')) {
      const ids = [...decodeURIComponent(path).matchAll(/'([^']+)'/g)].map((m) => m[1]);
      const records = ids.filter((id) => this.rows.has(id)).map((id) => this.rows.get(id));
      return Promise.resolve({ totalSize: records.length, done: true, records } as T);
    }
    if (method === 'DELETE') {
      const ids = /ids=([^&]+)/.exec(path)![1].split(',');
      this.writes.push({ method, ids });
      return Promise.resolve(
        ids.map((id) =>
          this.rows.delete(id)
            ? { id, success: true, errors: [] }
            : { id, success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] }
        ) as T
      );
    }
    const records = (body as { records: Array<Record<string, unknown> & { attributes: { type: string } }> }).records;
    this.writes.push({ method, object: records[0].attributes.type, ids: records.map((r) => String(r.Id)) });
    for (const { attributes: _a, ...record } of records) Object.assign(this.rows.get(String(record.Id))!, record);
    return Promise.resolve(records.map((r) => ({ id: r.Id, success: true, errors: [] })) as T);
  }
}

function id(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(12, '0')}AAA`;
}

/** A run that inserted `accounts` Accounts and 3 Contacts, and updated one existing Account's Name. */
function journalOf(accounts: number, state: RunState = 'synced'): { journal: RunJournal; target: TargetOrg } {
  const org = { orgId: '00D000000000001AAA', username: 'u@example.com', instanceUrl: 'http://127.0.0.1:1' };
  const meta: RunMeta = {
    runId: '20260101T100000Z-abcdef',
    command: 'execute',
    state,
    startedAt: RUN_AT,
    updatedAt: RUN_AT,
    finishedAt: RUN_AT,
    source: org,
    target: org,
    template: { objects: [], options: {} },
    plan: { steps: [] },
    dryRun: false,
    objects: ['Account', 'Contact'].map((object) => ({
      object,
      status: 'done',
      elapsedMs: 1,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
      deleted: 0,
    })),
    attempts: 1,
  };
  const journal = new RunStore(mkdtempSync(join(tmpdir(), 'isync-rollback-'))).create(meta);
  const rows = new Map<string, Record<string, unknown>>();
  const insert = (object: string, prefix: string, count: number): void => {
    const ids = Array.from({ length: count }, (_, n) => id(prefix, n + 1));
    journal.events.append(
      { type: 'batchStart', at: RUN_AT, batch: `${object}:1`, object, operation: 'insert', sourceIds: ids },
      ...ids.map((targetId): JournalEvent => ({
        type: 'record',
        batch: `${object}:1`,
        object,
        operation: 'insert',
        sourceId: `s${targetId}`,
        targetId,
        ok: true,
        created: true,
      })),
      { type: 'batchEnd', at: RUN_AT, batch: `${object}:1` }
    );
    for (const targetId of ids) rows.set(targetId, { Id: targetId, SystemModstamp: '2026-01-01T10:00:00.000+0000' });
  };
  insert('Account', '001', accounts);
  insert('Contact', '003', 3);
  const existing = id('001', 999);
  rows.set(existing, { Id: existing, SystemModstamp: '2026-01-01T10:00:00.000+0000', Name: 'New' });
  journal.events.append(
    { type: 'batchStart', at: RUN_AT, batch: 'Account:2', object: 'Account', operation: 'update', sourceIds: ['sx'] },
    {
      type: 'record',
      batch: 'Account:2',
      object: 'Account',
      operation: 'update',
      sourceId: 'sx',
      targetId: existing,
      ok: true,
      values: { Name: 'New' },
      before: { Name: 'Old' },
    },
    { type: 'batchEnd', at: RUN_AT, batch: 'Account:2' }
  );
  journal.events.close();
  return { journal, target: new TargetOrg(rows) };
}

describe('rollbackRun', () => {
  it('restores first, then deletes children before parents in batches of at most 200, and journals it all', async () => {
    const { journal, target } = journalOf(450);
    const result = await rollbackRun({ journal, target, force: false, dryRun: false, backoff: BACKOFF });
    expect(result.state).to.equal('rolled_back');
    expect(result.objects).to.deep.equal([
      { object: 'Contact', deleted: 3, restored: 0, alreadyUndone: 0, skipped: 0, failed: 0 },
      { object: 'Account', deleted: 450, restored: 1, alreadyUndone: 0, skipped: 0, failed: 0 },
    ]);
    expect(target.writes.map((w) => `${w.method}:${w.ids.length}`)).to.deep.equal(['PATCH:1', 'DELETE:3', 'DELETE:200', 'DELETE:200', 'DELETE:50']);
    expect(target.writes[1].ids[0].startsWith('003')).to.equal(true);
    expect(target.rows.get(id('001', 999))!.Name).to.equal('Old');
    expect(target.rows.size).to.equal(1);
    const events = readFileSync(journal.eventsPath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as JournalEvent);
    expect(events.filter((e) => e.type === 'state').map((e) => (e as { state: string }).state)).to.deep.equal(['rolling_back', 'rolled_back']);
    expect(events.filter((e) => e.type === 'record' && e.operation === 'delete' && e.ok)).to.have.length(453);
    expect(journal.meta.attempts).to.equal(2);
  });

  it('--dry-run lists what it would do and changes nothing, not even the journal', async () => {
    const { journal, target } = journalOf(2);
    const before = readFileSync(journal.eventsPath, 'utf8');
    const result = await rollbackRun({ journal, target, force: false, dryRun: true });
    expect(result.totals).to.include({ deleted: 5, restored: 1 });
    expect(result.planned.map((r) => `${r.operation}:${r.object}`)).to.deep.equal([
      'restore:Account',
      'delete:Contact',
      'delete:Contact',
      'delete:Contact',
      'delete:Account',
      'delete:Account',
    ]);
    expect(result.planned[0].values).to.deep.equal({ Name: 'Old' });
    expect(result.state).to.equal('synced');
    expect(target.writes).to.deep.equal([]);
    expect(readFileSync(journal.eventsPath, 'utf8')).to.equal(before);
  });

  it('stops as rollback_partial when told to stop, and a second run finishes the job', async () => {
    const { journal, target } = journalOf(250);
    let calls = 0;
    // Told to stop before the third batch (as Ctrl-C does): the restore and the Contacts' batch are done by then.
    const beforeCall = (): void => {
      if (++calls >= 3) throw new RunStop('interrupted', 'Interrupted by the user.');
    };
    const stopped = await rollbackRun({ journal, target, force: false, dryRun: false, beforeCall, concurrency: 1, backoff: BACKOFF });
    expect(stopped.state).to.equal('rollback_partial');
    expect(stopped.stateReason).to.equal('Interrupted by the user.');
    expect(stopped.totals).to.deep.equal({ deleted: 3, restored: 1, alreadyUndone: 0, skipped: 0, failed: 0 });
    const resumed = await rollbackRun({ journal, target, force: false, dryRun: false, backoff: BACKOFF });
    expect(resumed.state).to.equal('rolled_back');
    expect(resumed.totals).to.deep.equal({ deleted: 250, restored: 0, alreadyUndone: 4, skipped: 0, failed: 0 });
    expect(target.rows.size).to.equal(1);
  });

  it('refuses runs that are rolled back, still running, or wrote nothing', async () => {
    for (const [state, name] of [
      ['rolled_back', 'AlreadyRolledBackError'],
      ['syncing', 'NotSettledError'],
      ['scanned', 'NothingWrittenError'],
    ] as const) {
      const { journal, target } = journalOf(1, state);
      if (state === 'scanned') journal.meta.command = 'scan';
      let error: unknown;
      try {
        await rollbackRun({ journal, target, force: false, dryRun: false });
      } catch (caught) {
        error = caught;
      }
      expect((error as Error).name, state).to.equal(name);
      expect(target.writes).to.deep.equal([]);
    }
  });
});
