import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import { queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';

/** Large objects go through Bulk API 2.0 (threshold lowered here so a small dataset takes that path). */
describe('execute: the Bulk API 2.0 path for large objects', function () {
  this.timeout(300_000);
  let pair: OrgPair;
  let template: string;

  before(async () => {
    pair = await startOrgPair({ dataset: 'bench', records: 3000, seed: 4 }, { dataset: 'empty' });
    template = join(mkdtempSync(join(tmpdir(), 'isync-bulk-')), 'template.json');
    writeFileSync(
      template,
      JSON.stringify({
        objects: [{ name: 'Supplier__c' }, { name: 'Project__c', excludeFields: ['Account__c'] }],
        options: { bulkThreshold: 50 },
      })
    );
  });
  after(async () => {
    await pair.stop();
  });

  it('inserts through ingest jobs, correlates the unordered results, and maps every record', async () => {
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template, '--json'], pair.env);
    expect(run.code, run.stdout).to.equal(0);
    const result = jsonOf<ExecuteResult>(run).result;
    expect(result.state).to.equal('synced');
    expect(pair.target.stats().requests.bulkJobCreate ?? 0).to.be.greaterThan(0);
    for (const object of ['Supplier__c', 'Project__c']) {
      const [source, target] = await Promise.all([
        queryOrg(pair.source, `SELECT External_Id__c FROM ${object}`),
        queryOrg(pair.target, `SELECT External_Id__c FROM ${object}`),
      ]);
      expect(target.map((r) => r.External_Id__c).sort(), object).to.deep.equal(source.map((r) => r.External_Id__c).sort());
    }
    // Self-reference, level by level through bulk batches: parents resolved to the target's ids.
    const parents = async (org: OrgPair['source']): Promise<string[]> =>
      (await queryOrg(org, 'SELECT External_Id__c, Parent_Supplier__r.External_Id__c FROM Supplier__c'))
        .map((r) => `${String(r.External_Id__c)}<${String((r.Parent_Supplier__r as { External_Id__c?: string } | null)?.External_Id__c)}`)
        .sort();
    expect(await parents(pair.target)).to.deep.equal(await parents(pair.source));

    const again = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template, '--json'], pair.env);
    expect(jsonOf<ExecuteResult>(again).result.totals).to.include({ inserted: 0, updated: 0, failed: 0 });
  });
});
