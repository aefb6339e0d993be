import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { IdMapExportResult } from '../../src/commands/isync/idmap/export.js';
import type { IdMapImportResult } from '../../src/commands/isync/idmap/import.js';
import type { RollbackResult } from '../../src/lib/rollback/rollbackResult.js';
import type { ScanResult } from '../../src/commands/isync/scan.js';
import { callOrg, queryOrg, startOrgPair, type LoginOrg, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, type PluginRun } from '../../harness/runPlugin.js';
import { expectSameRecords, OBJECTS } from './historyWorld.js';

type Totals = ExecuteResult['totals'];
const NOTHING: Totals = { inserted: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, deleted: 0 };

/** How the scenario reaches the plugin: bin/run.js, or the real sf CLI (logs in, links the plugin, runs it). */
export type HistoryClient = {
  login: LoginOrg;
  /** After both orgs are logged in, in their HOME (e.g. `sf plugins link`). */
  ready?(env: NodeJS.ProcessEnv): Promise<void>;
  run(argv: string[], env: NodeJS.ProcessEnv): Promise<PluginRun>;
};

/**
 * Objects without a natural key (Case, Task) through plain `--objects`: matched by the id map of earlier runs
 * between the same two orgs. A re-run writes nothing; changed source records are updated, target records
 * deleted since are inserted again; a rollback's inserts leave the map; a renamed Account stays the same
 * Account with `["history", "Name"]`; a lookup to a Case the run did not select resolves through the map.
 */
export function describeHistoryMatching(title: string, clientOf: () => Promise<HistoryClient>): void {
  describe(title, function () {
    this.timeout(600_000);
    let pair: OrgPair;
    let journalDir: string;
    let client: HistoryClient;
    const runPlugin = (argv: string[], env: NodeJS.ProcessEnv): Promise<PluginRun> => client.run(argv, env);
    const execute = async (extra: string[] = []): Promise<{ code: number; result: ExecuteResult }> => {
      const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '--journal-dir', journalDir, '--json', ...extra], pair.env);
      const json = jsonOf<ExecuteResult>(run);
      expect(json.result, run.stdout + run.stderr).to.be.an('object');
      return { code: run.code, result: json.result };
    };
    const objects = ['--objects', OBJECTS.join(',')];
    const totalsOf = (result: ExecuteResult, object?: string): Totals => {
      const entry = object ? result.objects.find((candidate) => candidate.object === object)! : result.totals;
      return {
        inserted: entry.inserted,
        updated: entry.updated,
        unchanged: entry.unchanged,
        skipped: entry.skipped,
        failed: entry.failed,
        deleted: entry.deleted,
      };
    };

    before(async () => {
      client = await clientOf();
      pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty' }, client.login);
      await client.ready?.(pair.env);
      journalDir = mkdtempSync(join(tmpdir(), 'isync-history-'));
    });
    after(async () => {
      await pair?.stop();
    });

    let first: ExecuteResult;
    it('syncs Account, Contact, Opportunity, Case and Task into an empty org: every record and lookup', async () => {
      const { code, result } = await execute(objects);
      expect(code).to.equal(0);
      first = result;
      expect(result.history).to.include({ firstRun: true, mappings: 0 });
      expect(result.history.objects).to.deep.equal(['Case', 'Task']);
      const match = Object.fromEntries(result.objects.map((entry) => [entry.object, entry.match]));
      expect(match).to.deep.equal({ Account: 'key Name', Contact: 'key Name', Opportunity: 'key Name', Case: 'history', Task: 'history' });
      expect(result.totals.failed).to.equal(0);
      await expectSameRecords(pair);
    });

    it('runs again: nothing is inserted or written, Case and Task are found by history', async () => {
      const { code, result } = await execute(objects);
      expect(code).to.equal(0);
      expect(result.history.firstRun).to.equal(false);
      expect(result.history.mappings).to.equal(first.totals.inserted);
      expect(totalsOf(result)).to.deep.equal({ ...NOTHING, unchanged: first.totals.inserted });
      expect(result.objects.find((entry) => entry.object === 'Case')?.matched).to.deep.equal({ history: 16, key: 0 });
      expect(result.objects.find((entry) => entry.object === 'Task')?.matched).to.deep.equal({ history: 40, key: 0 });
      await expectSameRecords(pair);
    });

    it('exports the id map, and an import into another journal folder holds the same map', async () => {
      const file = join(journalDir, 'idmap.csv');
      const exported = await runPlugin(['isync', 'idmap', 'export', '-s', 'src', '-o', 'tgt', '-f', file, '--journal-dir', journalDir, '--json'], pair.env);
      expect(exported.code, exported.stdout + exported.stderr).to.equal(0);
      expect(jsonOf<IdMapExportResult>(exported).result.mappings).to.equal(first.totals.inserted);
      const elsewhere = join(journalDir, 'elsewhere');
      const imported = await runPlugin(['isync', 'idmap', 'import', '-s', 'src', '-o', 'tgt', '-f', file, '--journal-dir', elsewhere, '--json'], pair.env);
      expect(imported.code, imported.stdout + imported.stderr).to.equal(0);
      expect(jsonOf<IdMapImportResult>(imported).result.mappings).to.equal(first.totals.inserted);
      const again = join(journalDir, 'again.csv');
      const reexported = await runPlugin(['isync', 'idmap', 'export', '-s', 'src', '-o', 'tgt', '-f', again, '--journal-dir', elsewhere, '--json'], pair.env);
      expect(reexported.code, reexported.stdout + reexported.stderr).to.equal(0);
      const rows = (path: string): string[] => readFileSync(path, 'utf8').split('\n').slice(1).sort();
      expect(rows(again)).to.deep.equal(rows(file));
    });

    it('updates 5 changed Cases and inserts again 3 Tasks deleted in the target, nothing else', async () => {
      const cases = await queryOrg(pair.source, 'SELECT Id FROM Case ORDER BY Id LIMIT 5');
      for (const row of cases) pair.source.org.seedTarget.update('Case', String(row.Id), { Description: `Changed ${String(row.Id)}` });
      const tasks = await queryOrg(pair.target, 'SELECT Id FROM Task ORDER BY Id LIMIT 3');
      for (const row of tasks) await callOrg(pair.target, 'DELETE', `/sobjects/Task/${String(row.Id)}`);

      const scan = jsonOf<ScanResult>(
        await runPlugin(['isync', 'scan', '-s', 'src', '-o', 'tgt', '--journal-dir', journalDir, '--json', ...objects], pair.env)
      );
      expect(totalsOf(scan.result, 'Case')).to.deep.equal({ ...NOTHING, updated: 5, unchanged: 11 });
      expect(totalsOf(scan.result, 'Task')).to.deep.equal({ ...NOTHING, inserted: 3, unchanged: 37 });
      expect(scan.result.objects.find((entry) => entry.object === 'Task')?.matched).to.deep.equal({ history: 37, key: 0 });

      const { code, result } = await execute(objects);
      expect(code).to.equal(0);
      expect(totalsOf(result, 'Case')).to.deep.equal({ ...NOTHING, updated: 5, unchanged: 11 });
      expect(totalsOf(result, 'Task')).to.deep.equal({ ...NOTHING, inserted: 3, unchanged: 37 });
      expect({ ...totalsOf(result), unchanged: 0 }).to.deep.equal({ ...NOTHING, inserted: 3, updated: 5 });
      await expectSameRecords(pair);
    });

    it('after a rollback of the first run, a new run inserts what it deleted: no stale mapping', async () => {
      const rollback = await runPlugin(['isync', 'rollback', '--run-id', first.runId, '--journal-dir', journalDir, '--json', '--force'], pair.env);
      expect(rollback.code, rollback.stdout + rollback.stderr).to.equal(0);
      expect(jsonOf<RollbackResult>(rollback).result.totals.deleted).to.be.greaterThan(100);
      const { code, result } = await execute(objects);
      expect(code).to.equal(0);
      expect(result.totals.failed).to.equal(0);
      await expectSameRecords(pair);
    });

    it('["history", "Name"]: a renamed Account is updated, not inserted again', async () => {
      const template = join(journalDir, 'rename.json');
      writeFileSync(template, JSON.stringify({ objects: [{ name: 'Account', matchBy: ['history', 'Name'] }] }));
      const [account] = await queryOrg(pair.source, 'SELECT Id, Name FROM Account ORDER BY Id LIMIT 1');
      pair.source.org.seedTarget.update('Account', String(account.Id), { Name: `${String(account.Name)} (renamed)` });
      const { code, result } = await execute(['-t', template]);
      expect(code).to.equal(0);
      expect(result.objects[0].match).to.equal('history, then key Name');
      expect(totalsOf(result)).to.include({ inserted: 0, updated: 1 });
      const renamed = await queryOrg(pair.target, `SELECT Id FROM Account WHERE Name = '${String(account.Name)} (renamed)'`);
      expect(renamed).to.have.length(1);
    });

    it('resolves a Task lookup to a Case the run did not select through the id map', async () => {
      const template = join(journalDir, 'tasks.json');
      writeFileSync(template, JSON.stringify({ objects: [{ name: 'Task', where: "Subject = 'Follow up on case'" }] }));
      const before = await queryOrg(pair.target, "SELECT Id, WhatId FROM Task WHERE Subject = 'Follow up on case'");
      await Promise.all(before.map((row) => callOrg(pair.target, 'DELETE', `/sobjects/Task/${String(row.Id)}`)));
      const { code, result } = await execute(['-t', template]);
      expect(code).to.equal(0);
      expect(totalsOf(result)).to.deep.equal({ ...NOTHING, inserted: before.length });
      const after = await queryOrg(pair.target, "SELECT WhatId FROM Task WHERE Subject = 'Follow up on case'");
      expect(after.map((row) => row.WhatId).sort()).to.deep.equal(before.map((row) => row.WhatId).sort());
      expect(after.every((row) => typeof row.WhatId === 'string' && row.WhatId.startsWith('500'))).to.equal(true);
    });
  });
}
