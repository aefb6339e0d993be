import { expect } from 'chai';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import { queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, REPO_ROOT, runPlugin } from '../../harness/runPlugin.js';

/**
 * Twenty objects of thousands of records each (100,000 in all) start at once (record-level pipelining) and pause while their
 * records wait for parents. Salesforce keeps 10 query cursors per user and closes the oldest when an eleventh
 * opens, so reading them through cursors fails with INVALID_QUERY_LOCATOR (as it did here first); keyset
 * pages keep none open.
 */
describe('execute: twenty objects reading and writing side by side', function () {
  this.timeout(300_000);
  let pair: OrgPair;

  before(async () => {
    pair = await startOrgPair({ dataset: 'bench', records: 100_000, seed: 5 }, { dataset: 'users', seed: 6 });
  });
  after(async () => {
    await pair.stop();
  });

  it('reads every object in keyset pages, keeps no cursor open, and syncs every record with its lookups', async () => {
    const template = join(REPO_ROOT, 'scripts', 'bench', 'bench-template.json');
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template, '--json'], pair.env);
    expect(run.code, run.stdout).to.equal(0);
    const result = jsonOf<ExecuteResult>(run).result;
    expect(result.state).to.equal('synced');
    expect(result.objects).to.have.length(20);
    // More than one page of records in most objects, and not one `nextRecordsUrl` followed on the source.
    expect(result.objects.filter((entry) => entry.inserted > 2000).length).to.be.greaterThan(10);
    expect(pair.source.stats().requests.queryMore ?? 0).to.equal(0);
    for (const [object, lookup] of [
      ['Contact', 'ReportsToId'],
      ['Case', 'ParentId'],
      ['Task', 'WhatId'],
      ['Shipment__c', 'Supplier__c'],
    ]) {
      const count = async (org: OrgPair['source']): Promise<number[]> => {
        const rows = await queryOrg(org, `SELECT Id, ${lookup} FROM ${object}`);
        return [rows.length, rows.filter((row) => row[lookup] !== null).length];
      };
      expect(await count(pair.target), object).to.deep.equal(await count(pair.source));
    }
  });
});
