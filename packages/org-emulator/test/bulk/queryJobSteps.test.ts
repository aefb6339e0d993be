/**
 * A query job of an emulated org shapes its rows a thousand at a time, letting other requests run between the
 * steps: every row still arrives once, in the query's order, as the REST query answers them.
 */
import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '../../src/index.js';

describe('bulk query jobs of an emulated org, shaped in steps', () => {
  let org: EmulatedOrg;
  before(async () => {
    org = await startOrg({ dataset: 'bench', records: 10_000, seed: 3 });
  });
  after(() => org.stop());

  const call = async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${org.instanceUrl}/services/data/v62.0${path}`, {
      method,
      headers: { authorization: `Bearer ${org.accessToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('answers every row once, in order, as the REST query does', async () => {
    const soql = 'SELECT Id, LastName, Account.Name FROM Contact ORDER BY Id';
    const job = (await (await call('POST', '/jobs/query', { operation: 'query', query: soql })).json()) as { id: string };
    let state = '';
    for (let polls = 0; polls < 100 && state !== 'JobComplete'; polls++) {
      state = ((await (await call('GET', `/jobs/query/${job.id}`)).json()) as { state: string }).state;
      if (state !== 'JobComplete') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(state).to.equal('JobComplete');
    const csv = await (await call('GET', `/jobs/query/${job.id}/results`)).text();
    const bulkIds = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0].replace(/"/g, ''));
    const restIds: string[] = [];
    let next: string | undefined = `/query?q=${encodeURIComponent(soql)}`;
    while (next) {
      const page = (await (await call('GET', next)).json()) as { records: Array<{ Id: string }>; nextRecordsUrl?: string };
      restIds.push(...page.records.map((record) => record.Id));
      next = page.nextRecordsUrl?.replace('/services/data/v62.0', '');
    }
    expect(bulkIds.length).to.be.greaterThan(1000); // two steps at least
    expect(bulkIds).to.deep.equal(restIds);
  });
});
