import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { RetryResult } from '../../src/commands/isync/retry.js';
import { callOrg, queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';
import { writeSchemaFile } from '../support/journalFiles.js';

describe('sf isync retry', function () {
  this.timeout(300_000);
  const pairs: OrgPair[] = [];
  after(async () => {
    await Promise.all(pairs.map((pair) => pair.stop()));
  });

  it('re-reads the fixed records, syncs them and their children, and leaves the rest alone', async () => {
    const schemaFile = writeSchemaFile({ changeFields: { 'Account.Industry': { required: true } } });
    const pair = await startOrgPair({ dataset: 'empty' }, { dataset: 'empty', schema: schemaFile });
    pairs.push(pair);
    const fine = (await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'Fine Corp', Industry: 'Energy' })) as { id: string };
    const broken = (await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'Broken Corp' })) as { id: string };
    await callOrg(pair.source, 'POST', '/sobjects/Contact', { LastName: 'Under Fine', Email: 'fine@example.com', AccountId: fine.id });
    await callOrg(pair.source, 'POST', '/sobjects/Contact', { LastName: 'Under Broken', Email: 'broken@example.com', AccountId: broken.id });

    const first = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '--objects', 'Account,Contact', '--json'], pair.env);
    expect(first.code, first.stdout).to.equal(68);
    const run = jsonOf<ExecuteResult>(first).result;
    expect(run.failures).to.have.deep.members([
      { object: 'Account', code: 'REQUIRED_FIELD_MISSING', count: 1 },
      { object: 'Contact', code: 'ISYNC_PARENT_NOT_SYNCED', count: 1 },
    ]);

    // Nothing fixed yet: the same records fail again, nothing else is touched.
    const again = await runPlugin(['isync', 'retry', '--run-id', run.runId, '--json'], pair.env);
    expect(again.code, again.stdout).to.equal(68);
    const againResult = jsonOf<RetryResult>(again).result;
    expect(againResult.retried.records).to.equal(2);
    // The whole run's counts, from its journal: the first attempt's two inserts, the same two failures.
    expect(againResult.totals).to.include({ inserted: 2, failed: 2, unchanged: 0 });

    await callOrg(pair.source, 'PATCH', `/sobjects/Account/${broken.id}`, { Industry: 'Retail' });
    const retry = await runPlugin(['isync', 'retry', '--json'], pair.env);
    expect(retry.code, retry.stdout).to.equal(0);
    const result = jsonOf<RetryResult>(retry).result;
    expect(result.runId).to.equal(run.runId);
    expect(result.state).to.equal('synced');
    expect(result.totals).to.include({ inserted: 4, failed: 0 });
    const contacts = await queryOrg(pair.target, 'SELECT LastName, Account.Name FROM Contact ORDER BY LastName');
    expect(contacts.map((c) => `${String(c.LastName)}<${String((c.Account as { Name: string }).Name)}`)).to.deep.equal([
      'Under Broken<Broken Corp',
      'Under Fine<Fine Corp',
    ]);
    expect(await queryOrg(pair.target, 'SELECT Id FROM Account')).to.have.length(2);

    // Nothing left: nothing is sent and the journal stays as it was.
    const journal = join(result.journalDir);
    const before = [readFileSync(join(journal, 'run.json'), 'utf8'), readFileSync(join(journal, 'events.jsonl'), 'utf8')];
    const done = await runPlugin(['isync', 'retry', '--json'], pair.env);
    expect(done.code).to.equal(0);
    expect(jsonOf<RetryResult>(done).result).to.include({ nothingToDo: true, state: 'synced' });
    expect(jsonOf<RetryResult>(done).result.retried.records).to.equal(0);
    expect([readFileSync(join(journal, 'run.json'), 'utf8'), readFileSync(join(journal, 'events.jsonl'), 'utf8')]).to.deep.equal(before);
  });

  it('finishes a paused run: every record exactly once, lookups and deferred cycles filled', async () => {
    // 1% of 1,000 calls (10): the budget runs out before the demo's sync ends, however its reads and writes pack.
    const pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty', faults: 'dailyLimitAfter=1000' });
    pairs.push(pair);
    const paused = await runPlugin(
      ['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', 'examples/demo-template.json', '--api-budget', '1', '--json'],
      pair.env
    );
    expect(paused.code, paused.stdout).to.equal(1);
    const run = jsonOf<ExecuteResult>(paused).result;
    expect(run.state).to.equal('paused');

    const retry = await runPlugin(['isync', 'retry', '--run-id', run.runId, '--json'], pair.env);
    expect(retry.code, retry.stdout).to.equal(0);
    expect(jsonOf<RetryResult>(retry).result.state).to.equal('synced');
    for (const object of [
      'Account',
      'Contact',
      'Opportunity',
      'OpportunityLineItem',
      'Team__c',
      'Team_Member__c',
      'Warehouse__c',
      'Route__c',
      'Carrier__c',
      'Task',
    ]) {
      const [source, target] = await Promise.all([queryOrg(pair.source, `SELECT Id FROM ${object}`), queryOrg(pair.target, `SELECT Id FROM ${object}`)]);
      expect(target.length, object).to.equal(source.length);
    }
    const teams = await queryOrg(pair.target, 'SELECT Captain__c FROM Team__c');
    const sourceTeams = await queryOrg(pair.source, 'SELECT Captain__c FROM Team__c');
    expect(teams.filter((t) => t.Captain__c).length).to.equal(sourceTeams.filter((t) => t.Captain__c).length);
    const execute = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', 'examples/demo-template.json', '--json'], pair.env);
    expect(jsonOf<ExecuteResult>(execute).result.totals).to.include({ inserted: 0, updated: 0, failed: 0 });
  });
});
