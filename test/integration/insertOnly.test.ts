import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { RetryResult } from '../../src/commands/isync/retry.js';
import type { ScanResult } from '../../src/commands/isync/scan.js';
import type { RecordEvent } from '../../src/lib/journal/events.js';
import { queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { journalEvents } from '../support/journalFiles.js';
import { jsonOf, runPlugin, runTs } from '../../harness/runPlugin.js';
import { startDroppingProxy, type DroppingProxy, type ProxiedRequest } from './droppingProxy.js';

const TASKS = 230;

/** Accounts matched by name, Tasks insert-only; batches of 50 so that the Tasks take five insert batches. */
function writeTemplate(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'isync-insert-only-')), 'template.json');
  writeFileSync(
    file,
    JSON.stringify({
      objects: [
        { name: 'Account', matchBy: 'Name' },
        { name: 'Task', matchBy: false, fields: ['Subject', 'WhatId', 'ActivityDate'] },
      ],
      options: { batchSize: 50 },
    })
  );
  return file;
}

/**
 * Ten accounts and TASKS tasks; tasks i and i + 100 are identical (same subject, account and date), so
 * adopting them must pair identical records one to one.
 */
function seedSource(pair: OrgPair): void {
  const accounts = Array.from({ length: 10 }, (_, i) => pair.source.org.seedTarget.insert('Account', { Name: `Insert-only Account ${i}` }));
  for (let i = 0; i < TASKS; i++) {
    pair.source.org.seedTarget.insert('Task', {
      Subject: `Call ${i % 100}`,
      WhatId: accounts[i % 10],
      ActivityDate: `2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
    });
  }
}

const taskKey = (row: Record<string, unknown>): string =>
  `${String(row.Subject)}<${String((row.What as { Name?: string } | null)?.Name)}<${String(row.ActivityDate)}`;

/** The target's tasks are the source's, each exactly once (compared as multisets of their values). */
async function expectTasksOnce(pair: OrgPair, times = 1): Promise<void> {
  const soql = 'SELECT Subject, What.Name, ActivityDate FROM Task';
  const [source, target] = await Promise.all([queryOrg(pair.source, soql), queryOrg(pair.target, soql)]);
  const expected = Array.from({ length: times }, () => source.map(taskKey))
    .flat()
    .sort();
  expect(target.map(taskKey).sort()).to.deep.equal(expected);
}

/** A Task insert, sent alone (`composite/sobjects`) or packed with other small writes into a `composite` call. */
const isTaskInsert = (request: ProxiedRequest): boolean =>
  request.method === 'POST' &&
  /\/composite(\/sobjects)?$/.test(request.path) &&
  request.body.includes('"type":"Task"') &&
  !request.body.includes('"method":"GET"');

/** The in-doubt check's query (by creator and time), sent as a GET or packed into a `composite` call. */
const isCreatorCheck = (request: ProxiedRequest): boolean =>
  (request.method === 'GET' && decodeURIComponent(request.path).includes('CreatedById')) ||
  (request.method === 'POST' && request.path.endsWith('/composite') && request.body.includes('CreatedById'));

describe('insert-only objects ("matchBy": false): in-doubt inserts found by creator, time and values', function () {
  this.timeout(300_000);
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    await Promise.all(cleanups.map((cleanup) => cleanup()));
  });

  /** Orgs with the source seeded, and `tgt` logged in through a proxy that loses the answers `drop` picks. */
  async function setUp(drop: (request: ProxiedRequest) => boolean): Promise<{ pair: OrgPair; proxy: DroppingProxy; template: string }> {
    const pair = await startOrgPair({ dataset: 'empty' }, { dataset: 'empty' });
    cleanups.push(() => pair.stop());
    seedSource(pair);
    const proxy = await startDroppingProxy(pair.target.instanceUrl, drop);
    cleanups.push(() => proxy.close());
    const login = await runTs('harness/loginEmulatedOrg.ts', ['tgt', proxy.url, pair.target.accessToken], pair.env);
    expect(login.code, login.stderr).to.equal(0);
    return { pair, proxy, template: writeTemplate() };
  }

  it('adopts what a batch saved before its answer was lost, sends only the rest, and inserts again on a re-run', async () => {
    let taskInserts = 0;
    const { pair, proxy, template } = await setUp((request) => isTaskInsert(request) && ++taskInserts === 2);

    const order = await runPlugin(['isync', 'order', '-s', 'src', '-o', 'tgt', '-t', template], pair.env);
    expect(order.code, order.stderr).to.equal(0);
    expect(order.stdout).to.contain('insert only');
    const scan = await runPlugin(['isync', 'scan', '-s', 'src', '-o', 'tgt', '-t', template, '--json'], pair.env);
    expect(scan.code, scan.stdout).to.equal(0);
    const scanned = jsonOf<ScanResult>(scan).result;
    expect(scanned.warnings.join('\n')).to.contain('Task is insert-only ("matchBy": false): every run inserts its selected source records again');
    expect(scanned.objects.find((object) => object.object === 'Task')).to.include({ inserted: TASKS, updated: 0, unchanged: 0 });

    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template, '--json'], pair.env);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    const result = jsonOf<ExecuteResult>(run).result;
    expect(result.state).to.equal('synced');
    expect(result.objects.find((object) => object.object === 'Task')).to.include({ inserted: TASKS, failed: 0 });
    expect(proxy.dropped.filter(isTaskInsert)).to.have.length(1);
    expect(pair.target.org.count('Task')).to.equal(TASKS);
    await expectTasksOnce(pair);
    // Every task is journaled as created by the run (adopted ones too), so a rollback deletes them all.
    const created = journalEvents(result.journalDir).filter(
      (event): event is RecordEvent => event.type === 'record' && event.object === 'Task' && event.created === true
    );
    expect(new Set(created.map((event) => event.targetId)).size).to.equal(TASKS);

    const again = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template, '--json'], pair.env);
    expect(again.code, again.stdout).to.equal(0);
    expect(jsonOf<ExecuteResult>(again).result.objects.find((object) => object.object === 'Task')).to.include({ inserted: TASKS });
    await expectTasksOnce(pair, 2);
  });

  it('journals the records in doubt when the check fails too, and `sf isync retry` adopts them instead of inserting twice', async () => {
    let taskInserts = 0;
    let checksFail = true;
    const { pair, proxy, template } = await setUp((request) => (isTaskInsert(request) && ++taskInserts === 2) || (checksFail && isCreatorCheck(request)));
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template, '--json'], pair.env);
    expect(run.code, run.stdout + run.stderr).to.equal(68);
    const result = jsonOf<ExecuteResult>(run).result;
    // The lost request's tasks (a batch, or small batches packed into one Composite call) are in doubt.
    const lost = proxy.dropped.filter(isTaskInsert).reduce((sum, request) => sum + request.body.split('"type":"Task"').length - 1, 0);
    expect(lost).to.be.within(1, TASKS - 1);
    expect(result.failures).to.deep.equal([{ object: 'Task', code: 'ISYNC_IN_DOUBT', count: lost }]);
    // The lost request did get in: the target holds every task, the run knows the others.
    expect(pair.target.org.count('Task')).to.equal(TASKS);

    checksFail = false;
    const retry = await runPlugin(['isync', 'retry', '--json'], pair.env);
    expect(retry.code, retry.stdout + retry.stderr).to.equal(0);
    const retried = jsonOf<RetryResult>(retry).result;
    expect(retried.retried.records).to.equal(lost);
    // The whole run's counts: those the run knew and those the retry adopted, all this run's inserts.
    expect(retried.objects.find((object) => object.object === 'Task')).to.include({ inserted: TASKS, failed: 0 });
    expect(pair.target.org.count('Task')).to.equal(TASKS);
    await expectTasksOnce(pair);
  });
});
