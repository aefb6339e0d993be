import { expect } from 'chai';
import type { EmulatedOrg } from '../../src/orgServer.js';
import { type Call, startTestOrg } from '../http/testServer.js';
import { batchSizeOf, DEFAULT_BATCH_SIZE } from '../../src/rest/query.js';
import { MAX_OPEN_CURSORS, QueryCursors } from '../../src/rest/queryCursors.js';

const V = '/services/data/v62.0';

describe('emulator query endpoint', () => {
  let org: EmulatedOrg & { call: Call };
  before(async () => {
    org = await startTestOrg({
      seed: (target) => {
        for (let i = 0; i < 2500; i++) target.insert('Account', { Name: `A${i}` });
      },
    });
  });
  after(async () => {
    await org.stop();
  });

  it('pages 2,000 rows at a time through nextRecordsUrl', async () => {
    const first = await org.call('GET', `${V}/query?q=${encodeURIComponent('SELECT Id, Name FROM Account')}`);
    expect(first.body).to.include({ totalSize: 2500, done: false });
    expect(Object.keys(first.body as object)).to.deep.equal(['totalSize', 'done', 'nextRecordsUrl', 'records']);
    expect(first.body.records).to.have.length(2000);
    expect(first.body.nextRecordsUrl).to.match(/^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]{15}-2000$/);
    const second = await org.call('GET', first.body.nextRecordsUrl as string);
    expect(second.body).to.include({ totalSize: 2500, done: true });
    expect(second.body.records).to.have.length(500);
    expect(second.body).to.not.have.property('nextRecordsUrl');
    expect(org.stats().requests.queryMore).to.equal(1);
  });

  it('honours Sforce-Query-Options batchSize', async () => {
    const res = await org.call('GET', `${V}/query/?q=${encodeURIComponent('SELECT Id FROM Account')}`, undefined, {
      headers: { 'Sforce-Query-Options': 'batchSize=500' },
    });
    expect(res.body.records).to.have.length(500);
    expect(res.body.nextRecordsUrl).to.match(/-500$/);
  });

  it('answers an unknown or exhausted locator with INVALID_QUERY_LOCATOR', async () => {
    const res = await org.call('GET', `${V}/query/01g000000000000AAA-2000`);
    expect(res).to.deep.include({ status: 400, body: [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }] });
  });

  it('returns SOQL errors as 400 with their code', async () => {
    const res = await org.call('GET', `${V}/query?q=${encodeURIComponent('SELECT Id FROM Xyzzy')}`);
    expect(res.status).to.equal(400);
    expect(res.body[0].errorCode).to.equal('INVALID_TYPE');
  });

  it('shows deleted rows to queryAll only', async () => {
    const id = org.org.seedTarget.insert('Contact', { LastName: 'Gone' });
    org.org.engine.delete([id], { allOrNone: true });
    const q = encodeURIComponent("SELECT Id, IsDeleted FROM Contact WHERE LastName = 'Gone'");
    expect((await org.call('GET', `${V}/query?q=${q}`)).body.totalSize).to.equal(0);
    const all = await org.call('GET', `${V}/queryAll?q=${q}`);
    expect(all.body.records[0]).to.include({ Id: id, IsDeleted: true });
  });

  it('fails the ScratchOrgInfo probe as a non-Dev-Hub org and answers the Organization query', async () => {
    expect((await org.call('GET', `${V}/query?q=${encodeURIComponent('SELECT Id FROM ScratchOrgInfo limit 1')}`)).status).to.equal(400);
    const q = 'SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization';
    const res = await org.call('GET', `${V}/query?q=${encodeURIComponent(q)}`);
    expect(res.body.records[0]).to.include({ IsSandbox: false, OrganizationType: 'Developer Edition', NamespacePrefix: null });
  });

  it('clamps batch sizes to 200..2000', () => {
    expect(batchSizeOf(undefined)).to.equal(DEFAULT_BATCH_SIZE);
    expect(batchSizeOf('batchSize=50')).to.equal(200);
    expect(batchSizeOf('batchSize=5000')).to.equal(2000);
  });

  it('keeps at most 10 open locators and expires idle ones after 15 minutes', () => {
    let clock = 0;
    let n = 0;
    const cursors = new QueryCursors(
      () => `01g${String(++n).padStart(15, '0')}`,
      () => clock
    );
    const rows = Array.from({ length: 300 }, (_, i) => ({ i }));
    const urls = Array.from({ length: MAX_OPEN_CURSORS + 1 }, () => cursors.firstPage(rows, 300, 200, '62.0').nextRecordsUrl!);
    const locator = (url: string): string => url.split('/').pop()!.split('-')[0];
    expect(cursors.page(locator(urls[0]), 200, '62.0')).to.equal(undefined);
    expect(cursors.page(locator(urls[1]), 200, '62.0')?.records).to.have.length(100);
    clock += 15 * 60 * 1000 + 1;
    expect(cursors.page(locator(urls[2]), 200, '62.0')).to.equal(undefined);
  });
});
