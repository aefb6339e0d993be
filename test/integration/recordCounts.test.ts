/**
 * Record counts five to a Composite call, against an emulated org through jsforce: the answers equal single
 * COUNT() queries, the org counts one call per five, and a bad query fails alone.
 */
import { expect } from 'chai';
import { ConnectionOrgApi } from '../../src/lib/api/orgApi.js';
import { queryCount, queryCounts } from '../../src/lib/api/queryPages.js';
import { useProcessSandboxHome } from '../clients/processSandboxHome.js';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';
import { connectTo } from '../support/orgConnection.js';

const stats = async (org: EmulatedOrg): Promise<Record<string, number>> =>
  ((await (await fetch(`${org.instanceUrl}/__emulator/stats`)).json()) as { requests: Record<string, number> }).requests;

describe('queryCounts: COUNT() queries five to a Composite call', () => {
  let org: EmulatedOrg;
  let api: ConnectionOrgApi;
  let restoreHome: () => void;
  before(async () => {
    restoreHome = useProcessSandboxHome().restore;
    org = await startOrg({ dataset: 'demo' });
    api = new ConnectionOrgApi(await connectTo(org));
  });
  after(async () => {
    await org.stop();
    restoreHome();
  });

  it('answers what single COUNT() queries answer, in one call per five queries', async () => {
    const soqls = ['Account', 'Contact', 'Opportunity', 'Case', 'Lead', 'Task', "Account WHERE Name LIKE 'A%'"].map((from) => `SELECT COUNT() FROM ${from}`);
    const single = await Promise.all(soqls.map((soql) => queryCount(api, soql)));
    await fetch(`${org.instanceUrl}/__emulator/reset`, { method: 'POST' });
    const packed = await Promise.all(queryCounts(api, soqls));
    expect(packed).to.deep.equal(single);
    expect(single.some((count) => count > 0)).to.equal(true);
    expect(await stats(org)).to.deep.equal({ composite: 2 });
  });

  it('rejects only the count whose query Salesforce refuses, with its error code', async () => {
    const [good, bad] = queryCounts(api, ['SELECT COUNT() FROM Account', 'SELECT COUNT() FROM Nope__c']);
    expect(await good).to.equal(await queryCount(api, 'SELECT COUNT() FROM Account'));
    const error = (await bad.catch((e: unknown) => e)) as { errorCode?: string };
    expect(error.errorCode).to.equal('INVALID_TYPE');
  });
});
