import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { RollbackResult } from '../../src/commands/isync/rollback.js';
import type { SyncDatesResult } from '../../src/commands/isync/runs.js';
import type { ScanResult } from '../../src/commands/isync/scan.js';
import { callOrg, queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, type PluginRun } from '../../harness/runPlugin.js';
import { expectSameState, snapshot, type Snapshot } from '../chaos/runLifecycle.js';
import type { HistoryClient } from './historyScenario.js';
import { expectSameRecords, OBJECTS } from './historyWorld.js';

/** Seeded data a day old, as a real org's is: older than a delta's safety margin, so a delta reads only changes. */
const SEED_AGE_DAYS = 1;

/**
 * Sync types as a user runs them (issue 21): a first `--sync-type delta` reads in full and says so; a delta with
 * nothing changed reads nothing; changes and deletions in the source reach the target exactly (scan first,
 * which writes nothing); rollback brings the deleted records back with their ids (recycle bin) or, once the bin
 * is emptied, inserted again and relinked; a delta with a failure leaves the object's date where it was, and
 * retry finishes it. (Bad `--since` values: the bad-input table, test/support/badInputCases.ts.)
 */
export function describeDeltaSync(title: string, clientOf: () => Promise<HistoryClient>, options: { short?: boolean } = {}): void {
  // `short` (through the real sf CLI, where each command costs a process start): the recycle-bin and failure
  // paths, which the same scenario through bin/run.js covers, are left out.
  const longer = (name: string, test: () => Promise<void>): void => {
    if (!options.short) it(name, test);
  };
  describe(title, function () {
    this.timeout(600_000);
    let pair: OrgPair;
    let journalDir: string;
    let client: HistoryClient;
    const plugin = (argv: string[]): Promise<PluginRun> => client.run([...argv, '--journal-dir', journalDir, '--json'], pair.env);
    const sync = async (command: 'execute' | 'scan', ...flags: string[]): Promise<{ code: number; result: ExecuteResult }> => {
      const run = await plugin(['isync', command, '-s', 'src', '-o', 'tgt', '--objects', OBJECTS.join(','), ...flags]);
      const json = jsonOf<ExecuteResult>(run);
      expect(json.result, run.stdout + run.stderr).to.be.an('object');
      return { code: run.code, result: json.result };
    };
    const countOf = async (soql: string): Promise<number> => (await queryOrg(pair.source, soql)).length;

    before(async () => {
      client = await clientOf();
      pair = await startOrgPair({ dataset: 'demo', seedAgeDays: SEED_AGE_DAYS }, { dataset: 'empty' }, client.login);
      await client.ready?.(pair.env);
      journalDir = mkdtempSync(join(tmpdir(), 'isync-delta-'));
    });
    after(async () => {
      await pair?.stop();
    });

    it("a first delta has no earlier sync: it reads in full, says so, and sets each object's date", async () => {
      const { code, result } = await sync('execute', '--sync-type', 'delta', '--include-deleted');
      expect(code).to.equal(0);
      expect(result.sync).to.include({ type: 'delta', includeDeleted: true, marginMinutes: 10 });
      expect(result.sync.objects.map((entry) => entry.reason)).to.deep.equal(OBJECTS.map(() => 'noEarlierSync'));
      expect(result.totals).to.include({ failed: 0, deleted: 0 });
      await expectSameRecords(pair);
      const dates = jsonOf<SyncDatesResult>(await plugin(['isync', 'runs', '--sync-dates'])).result;
      expect(dates.map((entry) => entry.object).sort()).to.deep.equal([...OBJECTS].sort());
      expect(new Set(dates.map((entry) => entry.runId))).to.deep.equal(new Set([result.runId]));
    });

    it('a delta with nothing changed reads no record and writes nothing', async () => {
      const { code, result } = await sync('execute', '--sync-type', 'delta', '--include-deleted');
      expect(code).to.equal(0);
      expect(result.sync.objects.every((entry) => entry.reason === 'delta' && entry.since !== null)).to.equal(true);
      expect(result.totals).to.deep.equal({ inserted: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, deleted: 0 });
      // The calls that find out: per org its describes, limits and counts; the source's deleted records.
      expect(result.apiCalls.source + result.apiCalls.target, JSON.stringify(result.apiCalls)).to.be.at.most(30);
    });

    let beforeDelta: Snapshot;
    let changed: { accounts: number; contacts: number };
    let deletedCases: number;
    it('scan shows what the delta would update and delete, and writes nothing', async () => {
      const accounts = await queryOrg(pair.source, 'SELECT Id FROM Account ORDER BY Id LIMIT 3');
      for (const row of accounts) pair.source.org.seedTarget.update('Account', String(row.Id), { Industry: 'Biotechnology' });
      const contacts = await queryOrg(pair.source, 'SELECT Id FROM Contact ORDER BY Id DESC LIMIT 2');
      for (const row of contacts) pair.source.org.seedTarget.update('Contact', String(row.Id), { Email: `changed.${String(row.Id)}@example.com` });
      const cases = await queryOrg(pair.source, 'SELECT Id FROM Case WHERE ParentId = null ORDER BY Id DESC LIMIT 2');
      for (const row of cases) await callOrg(pair.source, 'DELETE', `/sobjects/Case/${String(row.Id)}`);
      changed = { accounts: accounts.length, contacts: contacts.length };
      deletedCases = cases.length + 0;
      beforeDelta = snapshot(pair.target);

      const { code, result } = await sync('scan', '--sync-type', 'delta', '--include-deleted');
      expect(code).to.equal(0);
      const scan = result as ScanResult;
      expect(entryOf(scan, 'Account')).to.include({ updated: changed.accounts, inserted: 0, failed: 0 });
      expect(entryOf(scan, 'Contact')).to.include({ updated: changed.contacts, inserted: 0, failed: 0 });
      expect(entryOf(scan, 'Case')).to.include({ deleted: deletedCases, failed: 0 });
      expectSameState(beforeDelta, snapshot(pair.target));
    });

    let deltaRun: ExecuteResult;
    it('the delta writes exactly the changes and deletions: the target equals the source record by record', async () => {
      const { code, result } = await sync('execute', '--sync-type', 'delta', '--include-deleted');
      expect(code, JSON.stringify(result.failures)).to.equal(0);
      deltaRun = result;
      expect(entryOf(result, 'Account')).to.include({ updated: changed.accounts, inserted: 0 });
      expect(entryOf(result, 'Contact')).to.include({ updated: changed.contacts, inserted: 0 });
      expect(entryOf(result, 'Case')).to.include({ deleted: deletedCases });
      // Only what changed since the last sync was read (the Tasks of the deleted Cases were deleted with them).
      const read = result.totals.inserted + result.totals.updated + result.totals.unchanged;
      expect(read).to.be.below(20);
      await expectSameRecords(pair);
    });

    it('rollback gives back the target as it was before the delta: same values, same ids (undeleted)', async () => {
      const rollback = await plugin(['isync', 'rollback', '--run-id', deltaRun.runId]);
      expect(rollback.code, rollback.stdout + rollback.stderr).to.equal(0);
      expect(jsonOf<RollbackResult>(rollback).result.state).to.equal('rolled_back');
      expectSameState(beforeDelta, snapshot(pair.target));
    });

    longer('a record the recycle bin no longer holds is inserted again by rollback, its children relinked', async () => {
      const { code, result } = await sync('execute', '--sync-type', 'delta', '--include-deleted');
      expect(code).to.equal(0);
      expect(entryOf(result, 'Case').deleted).to.equal(deletedCases);
      const emptied = await fetch(`${pair.target.instanceUrl}/__emulator/recycle-bin/empty`, { method: 'POST' });
      expect(emptied.ok).to.equal(true);
      const rollback = await plugin(['isync', 'rollback', '--run-id', result.runId]);
      expect(rollback.code, rollback.stdout + rollback.stderr).to.equal(0);
      const after = snapshot(pair.target);
      // The same records by value; the re-inserted Cases have new ids, and their Tasks point to them.
      expect(sizes(after)).to.deep.equal(sizes(beforeDelta));
      expect(await countOf('SELECT Id FROM Case')).to.equal((after.get('Case')?.size ?? 0) - deletedCases);
      const cases = new Set((await queryOrg(pair.target, 'SELECT Id FROM Case')).map((row) => String(row.Id)));
      const orphans = (await queryOrg(pair.target, 'SELECT Id, WhatId FROM Task')).filter(
        (row) => String(row.WhatId).startsWith('500') && !cases.has(String(row.WhatId))
      );
      expect(orphans).to.deep.equal([]);
    });

    longer("a delta with a failed deletion keeps the object's date: the next delta reads it again, and retry finishes it", async () => {
      // The target's copy of an Account gets a Case only the target has: deleting that Account is refused there.
      await sync('execute', '--sync-type', 'delta', '--include-deleted');
      const account = await deleteOneWithoutCases(pair);
      const [targetAccount] = await queryOrg(pair.target, `SELECT Id FROM Account WHERE Name = '${account.Name.replace(/'/g, "\\'")}'`);
      const blocker = (await callOrg(pair.target, 'POST', '/sobjects/Case', { Subject: 'Only in the target', AccountId: targetAccount.Id })) as { id: string };

      const failing = await sync('execute', '--sync-type', 'delta', '--include-deleted');
      expect(failing.code).to.equal(68);
      expect(entryOf(failing.result, 'Account')).to.include({ failed: 1 });
      const accountSince = (result: ExecuteResult): string | null => result.sync.objects.find((entry) => entry.object === 'Account')!.since;
      const again = await sync('scan', '--sync-type', 'delta', '--include-deleted');
      expect(accountSince(again.result), 'the failed run did not move the date').to.equal(accountSince(failing.result));
      expect(entryOf(again.result, 'Account')).to.include({ deleted: 1 });

      await callOrg(pair.target, 'DELETE', `/sobjects/Case/${blocker.id}`);
      const retry = await plugin(['isync', 'retry', '--run-id', failing.result.runId]);
      expect(retry.code, retry.stdout + retry.stderr).to.equal(0);
      expect(jsonOf<ExecuteResult>(retry).result.totals).to.include({ failed: 0 });
      await expectSameRecords(pair);
    });

    longer('a Case and its Account deleted in the same delta: the Case goes first in the target, so both are deleted', async () => {
      await sync('execute', '--sync-type', 'delta', '--include-deleted');
      // A Case restricts its Account's deletion, in the source as in the target: the Cases go first there too.
      const account = await deleteWithItsCases(pair);
      const { code, result } = await sync('execute', '--sync-type', 'delta', '--include-deleted');
      expect(code, JSON.stringify(result.totals)).to.equal(0);
      expect(entryOf(result, 'Account')).to.include({ deleted: 1, failed: 0 });
      expect(entryOf(result, 'Case')).to.include({ deleted: account.cases, failed: 0 });
      await expectSameRecords(pair);
    });
  });
}

function entryOf(result: ExecuteResult, object: string): ExecuteResult['objects'][number] {
  return result.objects.find((entry) => entry.object === object)!;
}

/** Deletes, in the source, an Account that no Case holds (a Case restricts its Account's deletion). */
async function deleteOneWithoutCases(pair: OrgPair): Promise<{ Id: string; Name: string }> {
  const held = new Set((await queryOrg(pair.source, 'SELECT AccountId FROM Case')).map((row) => String(row.AccountId)));
  const free = (await queryOrg(pair.source, 'SELECT Id, Name FROM Account ORDER BY Id DESC')).find((row) => !held.has(String(row.Id)));
  expect(free, 'an Account without Cases').to.not.equal(undefined);
  const answer = await callOrg(pair.source, 'DELETE', `/sobjects/Account/${String(free!.Id)}`);
  expect(answer, JSON.stringify(answer)).to.equal(undefined);
  return { Id: String(free!.Id), Name: String(free!.Name) };
}

/** Deletes, in the source, an Account's Cases and then the Account (the first Account with Cases that the source lets go). */
async function deleteWithItsCases(pair: OrgPair): Promise<{ Id: string; cases: number }> {
  const held = await queryOrg(pair.source, 'SELECT AccountId FROM Case WHERE AccountId != null ORDER BY Id');
  let cases = 0;
  for (const accountId of new Set(held.map((row) => String(row.AccountId)))) {
    for (const row of await queryOrg(pair.source, `SELECT Id FROM Case WHERE AccountId = '${accountId}'`)) {
      expect(await callOrg(pair.source, 'DELETE', `/sobjects/Case/${String(row.Id)}`)).to.equal(undefined);
      cases++;
    }
    if ((await callOrg(pair.source, 'DELETE', `/sobjects/Account/${accountId}`)) === undefined) return { Id: accountId, cases };
  }
  return expect.fail('no Account of the source could be deleted once its Cases were');
}

function sizes(state: Snapshot): Record<string, number> {
  return Object.fromEntries([...state].map(([object, records]) => [object, records.size]));
}
