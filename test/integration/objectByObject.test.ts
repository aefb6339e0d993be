import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import { queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, REPO_ROOT, runPlugin } from '../../harness/runPlugin.js';

/** `"objectByObject": true`: each object starts once the objects it looks up are done (no record-level overlap). */
describe('execute with the template option objectByObject', function () {
  this.timeout(300_000);
  let pair: OrgPair;

  before(async () => {
    pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'users' });
  });
  after(async () => {
    await pair.stop();
  });

  it('syncs the demo object by object: an object writes only after the objects it looks up are done', async () => {
    const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'demo-template.json'), 'utf8')) as { options?: Record<string, unknown> };
    const template = join(mkdtempSync(join(tmpdir(), 'isync-objects-')), 'template.json');
    writeFileSync(template, JSON.stringify({ ...demo, options: { ...demo.options, objectByObject: true } }));
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template, '--json'], pair.env);
    expect(run.code, run.stdout).to.equal(0);
    const result = jsonOf<ExecuteResult>(run).result;
    expect(result.state).to.equal('synced');
    // In the journal, no Contact batch starts before the last Account batch has ended.
    const events = readFileSync(join(result.journalDir, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; batch?: string; object?: string });
    const objectOf = new Map(events.filter((event) => event.type === 'batchStart').map((event) => [event.batch, event.object]));
    const lastAccountEnd = events.findLastIndex((event) => event.type === 'batchEnd' && objectOf.get(event.batch) === 'Account');
    const firstContactStart = events.findIndex((event) => event.type === 'batchStart' && event.object === 'Contact');
    expect(lastAccountEnd).to.be.greaterThan(-1);
    expect(firstContactStart).to.be.greaterThan(lastAccountEnd);
    const [source, target] = await Promise.all([
      queryOrg(pair.source, 'SELECT Id, AccountId FROM Contact'),
      queryOrg(pair.target, 'SELECT Id, AccountId FROM Contact'),
    ]);
    expect(target.length).to.equal(source.length);
    expect(target.filter((row) => row.AccountId !== null).length).to.equal(source.filter((row) => row.AccountId !== null).length);
  });
});
