import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { RollbackResult } from '../../src/commands/isync/rollback.js';
import type { ReportResult } from '../../src/commands/isync/report.js';
import type { RunMeta } from '../../src/lib/journal/runMeta.js';
import { callOrg, queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';

const TEMPLATE = 'examples/demo-template.json';
const OBJECTS = (JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { objects: Array<{ name: string }> }).objects.map((o) => o.name);
/** Audit fields a restore necessarily moves (Salesforce stamps every write); everything else must be as before. */
const WRITE_STAMPS = new Set(['LastModifiedDate', 'SystemModstamp', 'LastModifiedById', 'LastViewedDate', 'LastReferencedDate']);

/** Every live record of every synced object, with every field but the write stamps, sorted by id. */
function snapshot(pair: OrgPair): Record<string, Array<Record<string, unknown>>> {
  const result: Record<string, Array<Record<string, unknown>>> = {};
  for (const object of OBJECTS) {
    result[object] = pair.target.org
      .records(object)
      .map((record) => Object.fromEntries(Object.entries(record).filter(([field]) => !WRITE_STAMPS.has(field))))
      .sort((a, b) => String(a.Id).localeCompare(String(b.Id)));
  }
  return JSON.parse(JSON.stringify(result)) as Record<string, Array<Record<string, unknown>>>;
}

async function execute(pair: OrgPair): Promise<ExecuteResult> {
  const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--json'], pair.env);
  expect(run.code, run.stdout + run.stderr).to.equal(0);
  return jsonOf<ExecuteResult>(run).result;
}

async function rollback(pair: OrgPair, ...extra: string[]): Promise<{ code: number; json: ReturnType<typeof jsonOf<RollbackResult>> }> {
  const run = await runPlugin(['isync', 'rollback', '--json', ...extra], pair.env);
  return { code: run.code, json: jsonOf<RollbackResult>(run) };
}

describe('sf isync rollback against emulated orgs (demo dataset into a target that holds part of it)', function () {
  this.timeout(300_000);
  let pair: OrgPair;

  before(async () => {
    // The target starts with the same demo data, then drifts: some opportunities (and their line items, by
    // cascade) are gone, so the run inserts them; accounts and contacts were edited, so the run updates them
    // back. The source gains a new account hierarchy with a contact: inserted at three levels.
    pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'demo', seed: 1 });
    const opportunities = await queryOrg(pair.target, 'SELECT Id FROM Opportunity ORDER BY Name LIMIT 2');
    for (const opportunity of opportunities) await callOrg(pair.target, 'DELETE', `/sobjects/Opportunity/${String(opportunity.Id)}`);
    const accounts = await queryOrg(pair.target, 'SELECT Id FROM Account ORDER BY Name LIMIT 3');
    for (const account of accounts)
      await callOrg(pair.target, 'PATCH', `/sobjects/Account/${String(account.Id)}`, { Description: 'Edited in the target', Phone: null });
    const contacts = await queryOrg(pair.target, 'SELECT Id FROM Contact ORDER BY Email LIMIT 3');
    for (const contact of contacts) await callOrg(pair.target, 'PATCH', `/sobjects/Contact/${String(contact.Id)}`, { Title: 'Edited title' });
    const parent = (await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'Rollback Holdings' })) as { id: string };
    const child = (await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'Rollback Holdings East', ParentId: parent.id })) as { id: string };
    await callOrg(pair.source, 'POST', '/sobjects/Contact', { LastName: 'Undone', Email: 'undone@example.com', AccountId: child.id });
  });
  after(async () => {
    await pair.stop();
  });

  it('undoes the run: the target is exactly as before it (same ids, same values); a second rollback is refused', async () => {
    const before = snapshot(pair);
    const run = await execute(pair);
    expect(run.totals.inserted).to.be.greaterThan(5);
    expect(run.totals.updated).to.be.greaterThan(0);
    const afterRun = snapshot(pair);
    expect(afterRun).to.not.deep.equal(before);

    const human = await runPlugin(['isync', 'rollback', '--dry-run'], pair.env);
    expect(human.code, human.stderr).to.equal(0);
    expect(human.stdout).to.contain(`Rolling back the newest run, ${run.runId}.`);
    expect(human.stdout).to.match(/Would delete OpportunityLineItem 00k\w+ \(source 00k\w+\)/);
    expect(human.stdout).to.match(/Would restore Account 001\w+ \(source 001\w+\): (Description|Phone)/);
    const dry = await rollback(pair, '--dry-run');
    expect(dry.code, JSON.stringify(dry.json)).to.equal(0);
    expect(dry.json.result.totals).to.include({ deleted: run.totals.inserted, restored: run.totals.updated, skipped: 0, failed: 0 });
    expect(dry.json.result.planned).to.have.length(run.totals.inserted + run.totals.updated);
    expect(snapshot(pair)).to.deep.equal(afterRun);

    const undo = await rollback(pair);
    expect(undo.code, JSON.stringify(undo.json)).to.equal(0);
    expect(undo.json.result).to.include({ runId: run.runId, state: 'rolled_back' });
    expect(undo.json.result.totals).to.deep.equal({ deleted: run.totals.inserted, restored: run.totals.updated, alreadyUndone: 0, skipped: 0, failed: 0 });
    // Children before parents: the order of objects is the reverse of the run's.
    const order = undo.json.result.objects.map((entry) => entry.object);
    expect(order.indexOf('OpportunityLineItem')).to.be.lessThan(order.indexOf('Opportunity'));
    expect(order.indexOf('Contact')).to.be.lessThan(order.indexOf('Account'));
    expect(snapshot(pair)).to.deep.equal(before);

    const again = await rollback(pair, '--run-id', run.runId);
    expect(again.code).to.equal(1);
    expect(again.json.name).to.equal('AlreadyRolledBackError');
    const report = jsonOf<ReportResult>(await runPlugin(['isync', 'report', '--run-id', run.runId, '--json'], pair.env)).result;
    expect(report.state).to.equal('rolled_back');
    expect(report.rollback?.totals).to.include({ deleted: run.totals.inserted, restored: run.totals.updated });
  });

  it('skips a record changed in the target after the run (exit 68), then --force undoes it', async () => {
    const before = snapshot(pair);
    const run = await execute(pair);
    // Someone edits, after the run, a field of an account the run updated.
    const journal = readFileSync(join(run.journalDir, 'events.jsonl'), 'utf8');
    const updated = journal
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string; operation?: string; object?: string; targetId?: string; ok?: boolean })
      .find((event) => event.type === 'record' && event.operation === 'update' && event.object === 'Account' && event.ok);
    expect(updated, 'an Account update in the journal').to.not.equal(undefined);
    await callOrg(pair.target, 'PATCH', `/sobjects/Account/${updated!.targetId!}`, { Description: 'Changed after the run' });

    const partial = await rollback(pair);
    expect(partial.code, JSON.stringify(partial.json)).to.equal(68);
    expect(partial.json.result.state).to.equal('rollback_partial');
    expect(partial.json.result.skipped).to.have.length(1);
    expect(partial.json.result.skipped[0]).to.include({ object: 'Account', targetId: updated!.targetId, operation: 'restore' });
    expect(partial.json.result.skipped[0].reason).to.contain('Description');
    const [kept] = await queryOrg(pair.target, `SELECT Description FROM Account WHERE Id = '${updated!.targetId!}'`);
    expect(kept.Description).to.equal('Changed after the run');

    const forced = await rollback(pair, '--force');
    expect(forced.code, JSON.stringify(forced.json)).to.equal(0);
    expect(forced.json.result.state).to.equal('rolled_back');
    // Everything else was undone by the first attempt and is left alone.
    expect(forced.json.result.totals).to.include({ restored: 1, deleted: 0, failed: 0 });
    expect(forced.json.result.totals.alreadyUndone).to.equal(run.totals.inserted + run.totals.updated - 1);
    expect(snapshot(pair)).to.deep.equal(before);
  });

  it('finishes an interrupted rollback without errors for what is already undone', async () => {
    const before = snapshot(pair);
    const run = await execute(pair);
    const done = await rollback(pair);
    expect(done.json.result.state).to.equal('rolled_back');
    // As if the process had been killed after its first delete batch: the records of the later batches
    // are gone from the target but not from the journal, and the run is still rolling back.
    const eventsPath = join(run.journalDir, 'events.jsonl');
    const lines = readFileSync(eventsPath, 'utf8').split('\n').filter(Boolean);
    const firstDeleteStart = lines.findIndex((line) => line.includes('"type":"batchStart"') && line.includes('"operation":"delete"'));
    const firstDeleteEnd = lines.findIndex((line, index) => index > firstDeleteStart && line.includes('"type":"batchEnd"'));
    writeFileSync(eventsPath, lines.slice(0, firstDeleteEnd + 1).join('\n') + '\n');
    const metaPath = join(run.journalDir, 'run.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as RunMeta;
    writeFileSync(metaPath, JSON.stringify({ ...meta, state: 'rolling_back' }));

    const resumed = await rollback(pair, '--run-id', run.runId);
    expect(resumed.code, JSON.stringify(resumed.json)).to.equal(0);
    expect(resumed.json.result.state).to.equal('rolled_back');
    expect(resumed.json.result.totals).to.include({ deleted: 0, restored: 0, skipped: 0, failed: 0 });
    expect(resumed.json.result.totals.alreadyUndone).to.equal(run.totals.inserted + run.totals.updated);
    expect(snapshot(pair)).to.deep.equal(before);
  });

  it('refuses another org than the run target', async () => {
    const refused = await rollback(pair, '--target-org', 'src');
    expect(refused.code).to.equal(1);
    expect(refused.json.name).to.equal('WrongTargetOrgError');
    expect(refused.json.actions?.join(' ')).to.contain('admin@target.isync.test');
  });
});
