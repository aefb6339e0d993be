/**
 * `compare --fix` killed (kill -9 of its process group) while its deploy runs in the org: the journal holds the
 * deploy's id, and the next `compare --fix` waits for that deploy, assigns its permission set, and finds nothing
 * left to deploy but what cannot be fixed automatically.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompareResult } from '../../src/commands/isync/compare.js';
import { startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, REPO_ROOT, runPlugin, spawnPlugin } from '../../harness/runPlugin.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'compare');

type FixFile = { id: string; state: string; deployId?: string };

function fixRecords(journal: string): FixFile[] {
  const folder = join(journal, 'schema-fixes');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')) as FixFile);
}

describe('compare --fix killed while its deploy runs, then run again (bin/run.js)', function () {
  this.timeout(300_000);
  let pair: OrgPair;
  before(async () => {
    // A deploy that takes seconds in the org, as real ones do: the kill lands while it runs.
    pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty', schema: join(EXAMPLE, 'target-schema.json'), deployTiming: { runMs: 4_000 } });
  });
  after(async () => pair?.stop());

  it('settles the deploy a killed process left running, and deploys nothing twice', async () => {
    const journal = mkdtempSync(join(tmpdir(), 'isync-compare-kill-'));
    const argv = ['isync', 'compare', '-s', 'src', '-o', 'tgt', '-t', join(EXAMPLE, 'template.json'), '--journal-dir', journal, '--fix', '--json'];
    const killed = spawnPlugin(argv, pair.env);
    const deadline = Date.now() + 60_000;
    while (!fixRecords(journal).some((record) => record.deployId) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    killed.kill('SIGKILL');
    const run = await killed.done;
    expect(run.code, run.stdout + run.stderr).to.equal(137);
    const [left] = fixRecords(journal);
    expect(left).to.include({ state: 'deploying' });

    const again = jsonOf<CompareResult>(await runPlugin(argv, pair.env));
    expect(again.result.fix?.settled).to.deep.equal([left.id]);
    // The killed deploy created everything: nothing is deployed again.
    expect(again.result.fix?.deployed).to.deep.equal([]);
    expect(again.result.differences.map((d) => `${d.kind} ${d.object}.${d.field ?? ''}`)).to.deep.equal(['typeMismatch Project_Task__c.Estimate_Hours__c']);
    expect(fixRecords(journal).map((record) => record.state)).to.deep.equal(['done']);
  });
});
