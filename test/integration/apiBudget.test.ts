import { expect } from 'chai';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import { startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';
import { writeSchemaFile } from '../support/journalFiles.js';

const TEMPLATE = 'examples/demo-template.json';

describe('API budget and daily limits', function () {
  this.timeout(240_000);
  const pairs: OrgPair[] = [];
  after(async () => {
    await Promise.all(pairs.map((pair) => pair.stop()));
  });

  it('refuses to start when an org has fewer requests left than the sync needs', async () => {
    const pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty', faults: 'dailyLimitAfter=40' });
    pairs.push(pair);
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--json'], pair.env);
    expect(run.code).to.equal(1);
    const json = jsonOf<unknown>(run);
    expect(json.name).to.equal('ApiBudgetTooSmallError');
    expect(json.message).to.match(/The target org has too few API requests left for this sync: it needs about \d+, and \d+ of its 40 daily requests remain\./);
  });

  it('reports the blocking metadata problems first when the budget is short too (both are read side by side)', async () => {
    const schema = writeSchemaFile({ removeRecordTypes: { Account: ['Partner'] } });
    const pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty', schema, faults: 'dailyLimitAfter=40' });
    pairs.push(pair);
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--json'], pair.env);
    expect(run.code).to.equal(1);
    const json = jsonOf<unknown>(run);
    expect(json.name).to.equal('PreflightFailedError');
    expect(json.message).to.contain('Record type Partner of Account exists in the source but not in the target.');
  });

  it('pauses, resumably, before --api-budget percent of the daily limit is used', async () => {
    const pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty', faults: 'dailyLimitAfter=250' });
    pairs.push(pair);
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--api-budget', '8', '--json'], pair.env);
    expect(run.code, run.stdout).to.equal(1);
    const json = jsonOf<ExecuteResult>(run);
    expect(json.result.state).to.equal('paused');
    expect(json.result.stateReason).to.match(/The target org reached the API budget: \d+ of its 250 daily requests are used\./);
    const target = json.result.apiBudget.find((b) => b.org === 'target')!;
    expect(target.allowed).to.be.lessThan(40);
    expect(json.result.apiCalls.target).to.be.at.most(target.allowed + 2); // + /limits and the user lookup before the budget
    expect(json.result.totals.inserted).to.be.greaterThan(0);
  });

  it('stops in state paused when the org answers that the daily limit is exhausted mid-run', async () => {
    const pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty', latencyMs: 40 });
    pairs.push(pair);
    const running = runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--json'], pair.env);
    // Once the first records are written, the org's daily allowance runs out (another client used it up).
    for (let waited = 0; waited < 60_000 && !((pair.target.stats() as { requests: Record<string, number> }).requests.collectionCreate > 0); waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await fetch(`${pair.target.instanceUrl}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dailyLimitAfter: 1 }),
    });
    const run = await running;
    const json = jsonOf<ExecuteResult>(run);
    expect(run.code, run.stdout).to.equal(1);
    expect(json.result.state).to.equal('paused');
    expect(json.result.stateReason).to.contain('daily API request limit');
    expect(json.result.totals.inserted).to.be.greaterThan(0);
  });
});
