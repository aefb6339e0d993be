import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import { queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin, spawnPlugin } from '../../harness/runPlugin.js';
import { expectReportCountsNewRecords, expectSameState, snapshot } from './runLifecycle.js';

/** The object the crash template makes insert-only: nothing finds its records again but the run's own journal. */
export const INSERT_ONLY_OBJECT = 'Task';

/**
 * The demo template with Task insert-only (`"matchBy": false`), written once per process: a resume must find
 * what a killed run inserted of it from the journal alone (and what a batch in flight saved, by creator, time
 * and values), never insert it twice.
 */
export const TEMPLATE = insertOnlyTemplate('examples/demo-template.json');

function insertOnlyTemplate(base: string): string {
  const template = JSON.parse(readFileSync(base, 'utf8')) as { $schema?: string; objects: Array<{ name: string; matchBy?: unknown }> };
  delete template.$schema;
  for (const object of template.objects) if (object.name === INSERT_ONLY_OBJECT) object.matchBy = false;
  const file = join(mkdtempSync(join(tmpdir(), 'isync-crash-template-')), 'template.json');
  writeFileSync(file, JSON.stringify(template, null, 2));
  return file;
}

/**
 * When to kill the run: once the target has committed this many records (0 = while still reading/planning),
 * or (`afterObjectRecords`) as soon as it holds that many records of one object: with the target slow to
 * answer after each commit (`perRecordMs`), the kill lands while that batch's answer is on its way.
 */
export type KillPoint = {
  name: string;
  afterRecords: number;
  afterUpdates?: number;
  afterQueries?: number;
  afterObjectRecords?: { object: string; count: number; perRecordMs: number };
};

/**
 * One crash test: a real `sf isync execute` process against emulated orgs with latency, killed with SIGKILL
 * at a moment chosen by what the target has committed, then `execute --resume`; the target must then hold
 * every source record exactly once, with the same lookups, the report must count as inserted exactly the
 * records the target did not have, and a rollback must leave the target exactly as it was before the run.
 */
export async function crashAndResume(point: KillPoint): Promise<void> {
  const perRecordMs = point.afterObjectRecords?.perRecordMs;
  const pair = await startOrgPair({ dataset: 'demo', latencyMs: 5 }, { dataset: 'empty', latencyMs: 15, ...(perRecordMs ? { perRecordMs } : {}) });
  try {
    const before = snapshot(pair.target);
    const run = spawnPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--json'], pair.env);
    const killed = await killWhen(pair, run, point);
    const first = await run.done;
    if (!killed) {
      // The run finished before the kill point: nothing to resume, but the result must still be right.
      expect(first.code, first.stdout).to.equal(0);
    } else {
      let resumed = await runPlugin(['isync', 'execute', '--resume', '--json'], pair.env);
      // Killed while still planning: no run was journaled yet, so the user simply runs the sync again.
      if (jsonOf(resumed).name === 'NoRunsError') resumed = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--json'], pair.env);
      // Killed after its last write, as the run journaled its end (the kill and the end crossed): nothing to
      // resume, which the command says; the data below must be right as it is.
      if (jsonOf(resumed).name !== 'NothingToResumeError') {
        expect(resumed.code, resumed.stdout + resumed.stderr).to.equal(0);
        expect(jsonOf<ExecuteResult>(resumed).result.state).to.equal('synced');
      }
    }
    await expectSameData(pair);
    await expectReportCountsNewRecords(pair, before);
    const rollback = await runPlugin(['isync', 'rollback', '--json'], pair.env);
    expect(rollback.code, rollback.stdout + rollback.stderr).to.equal(0);
    expectSameState(before, snapshot(pair.target));
  } finally {
    await pair.stop();
  }
}

async function killWhen(pair: OrgPair, run: ReturnType<typeof spawnPlugin>, point: KillPoint): Promise<boolean> {
  let finished = false;
  void run.done.then(() => (finished = true));
  for (;;) {
    if (finished) return false;
    const stats = pair.target.stats();
    const written = Object.values(stats.recordsWritten).reduce((sum, count) => sum + count, 0);
    const updates = stats.recordsWritten.update ?? 0;
    const queried = (stats.requests.query ?? 0) + (stats.requests.describe ?? 0);
    const inObject = point.afterObjectRecords;
    const reached = inObject
      ? pair.target.org.count(inObject.object) >= inObject.count
      : point.afterUpdates !== undefined
        ? updates >= point.afterUpdates
        : point.afterRecords === 0
          ? queried > (point.afterQueries ?? 2)
          : written >= point.afterRecords;
    if (reached) {
      run.kill('SIGKILL');
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Every source record once in the target, with the same parents (compared by names and keys). */
export async function expectSameData(pair: OrgPair): Promise<void> {
  const checks: Array<[string, string, (row: Record<string, unknown>) => string]> = [
    ['Account', 'SELECT Name, Parent.Name FROM Account', (r) => `${String(r.Name)}<${nameOf(r.Parent)}`],
    ['Contact', 'SELECT Email, Account.Name, ReportsTo.Email FROM Contact', (r) => `${String(r.Email)}<${nameOf(r.Account)}<${nameOf(r.ReportsTo, 'Email')}`],
    ['Opportunity', 'SELECT Name, Account.Name FROM Opportunity', (r) => `${String(r.Name)}<${nameOf(r.Account)}`],
    ['OpportunityLineItem', 'SELECT Opportunity.Name, Quantity FROM OpportunityLineItem', (r) => `${nameOf(r.Opportunity)}<${String(r.Quantity)}`],
    ['Team__c', 'SELECT Name, Captain__r.External_Id__c FROM Team__c', (r) => `${String(r.Name)}<${nameOf(r.Captain__r, 'External_Id__c')}`],
    ['Warehouse__c', 'SELECT Name, Default_Route__r.Name FROM Warehouse__c', (r) => `${String(r.Name)}<${nameOf(r.Default_Route__r)}`],
    // Insert-only in TEMPLATE: a duplicate shows as a second identical entry.
    ['Task', 'SELECT Subject, What.Name, Who.Name FROM Task', (r) => `${String(r.Subject)}<${nameOf(r.What)}<${nameOf(r.Who)}`],
    [
      'Project_Assignment__c',
      'SELECT Project__r.Name, Contact__r.Email FROM Project_Assignment__c',
      (r) => `${nameOf(r.Project__r)}<${nameOf(r.Contact__r, 'Email')}`,
    ],
  ];
  for (const [object, soql, key] of checks) {
    const [source, target] = await Promise.all([queryOrg(pair.source, soql), queryOrg(pair.target, soql)]);
    expect(target.map(key).sort(), object).to.deep.equal(source.map(key).sort());
  }
}

function nameOf(value: unknown, field = 'Name'): string {
  return value && typeof value === 'object' ? String((value as Record<string, unknown>)[field]) : '-';
}

/**
 * A rollback killed with SIGKILL part way, then run again: the target ends with none of the run's records
 * (it started empty) and the journal says rolled_back.
 */
export async function crashRollback(afterDeletes: number): Promise<void> {
  const pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty', latencyMs: 15 });
  try {
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--json'], pair.env);
    expect(run.code, run.stdout).to.equal(0);
    const rollback = spawnPlugin(['isync', 'rollback', '--json'], pair.env);
    let finished = false;
    void rollback.done.then(() => (finished = true));
    while (!finished && (pair.target.stats().recordsWritten.delete ?? 0) < afterDeletes) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    if (!finished) rollback.kill('SIGKILL');
    await rollback.done;
    const again = await runPlugin(['isync', 'rollback', '--json'], pair.env);
    expect(again.code, again.stdout + again.stderr).to.equal(0);
    expect(jsonOf<{ state: string }>(again).result.state).to.equal('rolled_back');
    for (const object of ['Account', 'Contact', 'Opportunity', 'Team__c', 'Warehouse__c', 'Task']) {
      expect(await queryOrg(pair.target, `SELECT Id FROM ${object}`), object).to.have.length(0);
    }
  } finally {
    await pair.stop();
  }
}
