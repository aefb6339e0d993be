import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import { queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';

const SUPPLIER =
  'SELECT External_Id__c, Name, Tax_Number__c, Type__c, Category__c, Active__c, Annual_Spend__c, On_Time_Rate__c, Parent_Supplier__r.External_Id__c FROM Supplier__c';
const PROJECT = 'SELECT External_Id__c, Name, Status__c, Budget__c FROM Project__c';

/** Rows as comparable text, without ids (they differ between orgs): parents by their external id. */
async function snapshot(org: OrgPair['source'], soql: string): Promise<string[]> {
  const rows = await queryOrg(org, soql);
  return rows.map((row) => JSON.stringify(row, (key, value: unknown) => (key === 'attributes' ? undefined : value))).sort();
}

/** Two objects above a bulk threshold lowered so that a small dataset takes the Bulk path. */
const TEMPLATE = { objects: [{ name: 'Supplier__c' }, { name: 'Project__c', excludeFields: ['Account__c'] }], options: { bulkThreshold: 50 } };

describe('execute: source reads through Bulk API 2.0 query jobs for large objects', function () {
  this.timeout(300_000);
  const template = join(mkdtempSync(join(tmpdir(), 'isync-bulk-read-')), 'template.json');
  let pair: OrgPair;
  before(async () => {
    writeFileSync(template, JSON.stringify(TEMPLATE));
    pair = await startOrgPair({ dataset: 'bench', records: 3000, seed: 5 }, { dataset: 'empty' });
  });
  after(() => pair.stop());

  it('reads each object with one query job, and the target ends equal to the source', async () => {
    const before = pair.source.stats().requests;
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template, '--json'], pair.env);
    expect(run.code, run.stdout).to.equal(0);
    expect(jsonOf<ExecuteResult>(run).result.state).to.equal('synced');
    const after = pair.source.stats().requests;
    const calls = (kind: keyof typeof after): number => (after[kind] ?? 0) - (before[kind] ?? 0);
    expect(calls('bulkQueryCreate'), 'one query job per object').to.equal(2);
    expect(calls('bulkQueryResults')).to.equal(2);
    expect(calls('queryMore')).to.equal(0);

    expect(await snapshot(pair.target, SUPPLIER)).to.deep.equal(await snapshot(pair.source, SUPPLIER));
    expect(await snapshot(pair.target, PROJECT)).to.deep.equal(await snapshot(pair.source, PROJECT));

    // Read by Bulk again, every value compares equal to the target's REST values: nothing to insert or update.
    const again = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template, '--json'], pair.env);
    expect(jsonOf<ExecuteResult>(again).result.totals).to.include({ inserted: 0, updated: 0, failed: 0 });
    expect(pair.source.stats().requests.bulkQueryCreate).to.equal((after.bulkQueryCreate ?? 0) + 2);
  });
});
