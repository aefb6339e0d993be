import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { RollbackResult } from '../../src/commands/isync/rollback.js';
import { callOrg, queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';
import { expectSameState, snapshot } from '../chaos/runLifecycle.js';

/**
 * Deletions in volume go through a Bulk API 2.0 delete job (from the template's bulkThreshold; 2 here so that a
 * few records take that path), journaled as REST deletions are, and rolled back the same way.
 */
describe('include deleted: deletions through a Bulk API 2.0 delete job', function () {
  this.timeout(300_000);
  let pair: OrgPair;
  let template: string;
  let journalDir: string;
  const execute = async (): Promise<ExecuteResult> => {
    const run = await runPlugin(
      ['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template, '--journal-dir', journalDir, '--sync-type', 'delta', '--include-deleted', '--json'],
      pair.env
    );
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    return jsonOf<ExecuteResult>(run).result;
  };

  before(async () => {
    pair = await startOrgPair({ dataset: 'demo', seedAgeDays: 1 }, { dataset: 'empty' });
    const dir = mkdtempSync(join(tmpdir(), 'isync-bulk-delete-'));
    journalDir = join(dir, 'runs');
    template = join(dir, 'template.json');
    writeFileSync(template, JSON.stringify({ objects: [{ name: 'Account' }, { name: 'Lead', matchBy: 'Email' }], options: { bulkThreshold: 2 } }));
  });
  after(async () => {
    await pair?.stop();
  });

  it('deletes the matches of 3 deleted Leads in one delete job, and rollback brings them back with their ids', async () => {
    await execute();
    const leads = await queryOrg(pair.source, 'SELECT Id FROM Lead ORDER BY Id LIMIT 3');
    for (const row of leads) await callOrg(pair.source, 'DELETE', `/sobjects/Lead/${String(row.Id)}`);
    const before = snapshot(pair.target);
    const jobsBefore = pair.target.stats().requests.bulkJobCreate ?? 0;
    const result = await execute();
    expect(result.objects.find((entry) => entry.object === 'Lead')).to.include({ deleted: 3, failed: 0 });
    expect(await queryOrg(pair.target, 'SELECT Id FROM Lead')).to.have.length((before.get('Lead')?.size ?? 0) - 3);
    expect(pair.target.stats().requests.bulkJobCreate ?? 0, 'a Bulk job deleted them').to.be.above(jobsBefore);
    const rollback = await runPlugin(['isync', 'rollback', '--journal-dir', journalDir, '--json'], pair.env);
    expect(jsonOf<RollbackResult>(rollback).result.state, rollback.stdout).to.equal('rolled_back');
    expectSameState(before, snapshot(pair.target));
  });
});
