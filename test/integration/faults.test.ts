import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import { expectSameData, TEMPLATE } from '../chaos/crashResume.js';
import { callOrg, queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';

/** A sync against an org that misbehaves: it completes correctly, or stops in a clear, resumable state. */
describe('faults: row locks, 503s, the concurrent-request limit, session expiry; escaping', function () {
  this.timeout(300_000);
  const pairs: OrgPair[] = [];
  const start = async (target: Parameters<typeof startOrgPair>[1]): Promise<OrgPair> => {
    const pair = await startOrgPair({ dataset: 'demo' }, target);
    pairs.push(pair);
    return pair;
  };
  after(async () => {
    await Promise.all(pairs.map((pair) => pair.stop()));
  });

  it('retries row locks and HTTP 503s with backoff and ends with every record correct', async () => {
    const pair = await start({ dataset: 'empty', faults: 'lock=0.08,http503=0.05,seed=11' });
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--json'], pair.env);
    expect(run.code, run.stdout).to.equal(0);
    expect(jsonOf<ExecuteResult>(run).result.state).to.equal('synced');
    // The check reads with a plain client: faults off first.
    await fetch(`${pair.target.instanceUrl}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await expectSameData(pair);
  });

  it('backs off and lowers its concurrency when the org refuses concurrent requests', async () => {
    const pair = await start({ dataset: 'empty', maxConcurrent: 2, latencyMs: 10 });
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--concurrency', '12', '--json'], pair.env);
    expect(run.code, run.stdout).to.equal(0);
    await expectSameData(pair);
    expect(pair.target.stats().concurrency.peak).to.be.at.most(3);
  });

  it('stops on an expired session with a message to log in again, without spinning, and resumes after', async () => {
    const pair = await start({ dataset: 'empty', faults: 'sessionExpireAfter=20' });
    const started = Date.now();
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE], pair.env);
    expect(run.code).to.equal(1);
    expect(Date.now() - started).to.be.lessThan(60_000);
    expect(run.stderr + run.stdout).to.contain('expired');
    expect(run.stdout).to.contain('sf isync execute --resume');
    const requestsAfterStop = pair.target.stats().totalRequests;
    expect(requestsAfterStop).to.be.lessThan(80); // it stopped, it did not retry in a loop
  });

  it('escapes keys in SOQL: a name with quotes and backslashes matches on the next run', async () => {
    const schemaless = join(mkdtempSync(join(tmpdir(), 'isync-template-')), 'template.json');
    writeFileSync(schemaless, JSON.stringify({ objects: [{ name: 'Account', matchBy: 'Name', where: "Name LIKE 'O%'" }] }));
    const pair = await start({ dataset: 'empty' });
    await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'O\'Brien \\ Sons "Ltd" 100%' });
    const first = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', schemaless, '--json'], pair.env);
    expect(jsonOf<ExecuteResult>(first).result.totals).to.include({ inserted: 1, failed: 0 });
    const second = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', schemaless, '--json'], pair.env);
    expect(jsonOf<ExecuteResult>(second).result.totals).to.include({ inserted: 0, unchanged: 1 });
    expect((await queryOrg(pair.target, 'SELECT Name FROM Account')).map((r) => r.Name)).to.deep.equal(['O\'Brien \\ Sons "Ltd" 100%']);
  });
});
