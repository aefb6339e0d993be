/** Parent-to-child subqueries as clients reach them: the query endpoint (pages, API versions), columns, Bulk. */
import { expect } from 'chai';
import type { EmulatedOrg } from '../../src/orgServer.js';
import { defaultSchema } from '../../src/schema/defaultSchema.js';
import { type Call, startTestOrg } from '../http/testServer.js';

const query = (org: { call: Call }, soql: string, version = '62.0', headers: Record<string, string> = {}): ReturnType<Call> =>
  org.call('GET', `/services/data/v${version}/query?q=${encodeURIComponent(soql)}`, undefined, { headers });

describe('emulator query endpoint: parent-to-child subqueries', () => {
  let org: EmulatedOrg & { call: Call };
  before(async () => {
    // The default schema: its relationships are Salesforce's recorded ones (Account Contacts, Contact Cases).
    org = await startTestOrg({
      schema: defaultSchema(),
      seed: (target) => {
        let last = '';
        for (let i = 0; i < 2100; i++) last = target.insert('Account', { Name: `A${String(i).padStart(4, '0')}` });
        target.insert('Contact', { LastName: 'Last', AccountId: last });
        target.insert('Contact', { LastName: 'Also last', AccountId: last });
      },
    });
  });
  after(async () => {
    await org.stop();
  });

  it('answers the children of the rows on every page, in the query result shape', async () => {
    const soql = 'SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name';
    const first = await query(org, soql);
    expect(first.status).to.equal(200);
    expect(first.body.records[0]).to.deep.include({ Name: 'A0000', Contacts: null });
    const second = await org.call('GET', first.body.nextRecordsUrl as string);
    const lastRow = second.body.records.at(-1) as { Name: string; Contacts: { totalSize: number; done: boolean; records: Array<Record<string, unknown>> } };
    expect(lastRow.Name).to.equal('A2099');
    expect(lastRow.Contacts).to.include({ totalSize: 2, done: true });
    expect(lastRow.Contacts.records.map((row) => row.LastName)).to.deep.equal(['Also last', 'Last']);
    expect(lastRow.Contacts.records[0].attributes)
      .to.have.property('url')
      .that.matches(/^\/services\/data\/v62\.0\/sobjects\/Contact\/003/);
  });

  it('takes the API version from the URL: nested subqueries from v58.0, one level before', async () => {
    const soql = "SELECT Name, (SELECT LastName, (SELECT Subject FROM Cases) FROM Contacts) FROM Account WHERE Name = 'A2099'";
    const old = await query(org, soql, '57.0');
    expect(old.status).to.equal(400);
    expect(old.body[0].errorCode).to.equal('MALFORMED_QUERY');
    expect(old.body[0].message).to.match(/more than 1 level away from the root entity object\.$/);
    const current = await query(org, soql, '58.0');
    expect(current.status).to.equal(200);
    expect(current.body.records[0].Contacts.records[0]).to.have.property('Cases', null);
    expect(current.body.records[0].Contacts.records[0].attributes.url).to.match(/^\/services\/data\/v58\.0\//);
  });

  it('answers an unknown relationship with INVALID_TYPE, as Salesforce does', async () => {
    const res = await query(org, 'SELECT Name, (SELECT LastName FROM Contactz) FROM Account');
    expect(res.status).to.equal(400);
    expect(res.body[0].errorCode).to.equal('INVALID_TYPE');
    expect(res.body[0].message).to.match(/Didn't understand relationship 'Contactz' in FROM part of query call\./);
  });

  it('describes a subquery as an aggregate column holding its own columns (columns=true)', async () => {
    const res = await org.call(
      'GET',
      `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Name, (SELECT LastName, Account.Name FROM Contacts) FROM Account')}&columns=true`
    );
    const [, contacts] = res.body.columnMetadata as Array<{ columnName: string; aggregate: boolean; joinColumns: Array<{ columnName: string }> }>;
    expect(contacts).to.include({ columnName: 'Contacts', aggregate: true });
    expect(contacts.joinColumns.map((column) => column.columnName)).to.deep.equal(['LastName', 'Account']);
  });

  it('refuses a subquery in a Bulk API 2.0 query job, with the error Salesforce gives', async () => {
    const res = await org.call('POST', '/services/data/v62.0/jobs/query', {
      operation: 'query',
      query: 'SELECT Name, (SELECT LastName FROM Contacts) FROM Account',
    });
    expect(res.status).to.equal(400);
    expect(res.body).to.deep.equal([
      { errorCode: 'FEATURENOTENABLED', message: 'Aggregate Relationships not supported in Bulk V2 Query with CSV content type' },
    ]);
  });
});
