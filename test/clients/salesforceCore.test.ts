/**
 * @salesforce/core (AuthInfo + Connection, i.e. jsforce 3 underneath) against an emulated org: the client the
 * plugin itself uses, unchanged. Every answer is checked against the emulator's in-process state.
 *
 * It runs in-process. AuthInfo encrypts tokens with a key it keeps under HOME and the logger may write there,
 * so `before` switches this process to a temporary HOME first and imports @salesforce/core dynamically after
 * that (a static import would be hoisted above any code in this file); `after` restores HOME. Nothing is
 * saved: AuthInfo is only created, as the plugin's connections are.
 */
import type { AuthInfo, Connection } from '@salesforce/core';
import { expect } from 'chai';
import type { EmulatedOrg } from '@sf-isync/org-emulator';
import { startOrg } from '@sf-isync/org-emulator';
import { useProcessSandboxHome } from './processSandboxHome.js';

type Row = Record<string, unknown> & { Id: string };
type QueryOptions = NonNullable<Parameters<Connection['queryMore']>[1]>;
/** Bulk result rows: the `sf__` columns plus the uploaded columns, all strings (CSV). */
type BulkRow = Record<string, string>;
const bulkRow = (row: object): BulkRow => Object.fromEntries<string>(Object.entries(row));

const API_VERSION = '62.0';

describe('clients: @salesforce/core against the emulator', function () {
  this.timeout(120_000);
  let emulated: EmulatedOrg;
  let authInfo: AuthInfo;
  let conn: Connection;
  let restoreHome: () => void;

  before(async () => {
    restoreHome = useProcessSandboxHome().restore;
    const core = await import('@salesforce/core');
    emulated = await startOrg({ dataset: 'bench', records: 5000, username: 'core-client@bench.emulator.isync.test' });
    const { accessToken, instanceUrl } = emulated;
    authInfo = await core.AuthInfo.create({ accessTokenOptions: { accessToken, instanceUrl, loginUrl: instanceUrl } });
    conn = await core.Connection.create({ authInfo, connectionOptions: { version: API_VERSION } });
    conn.bulk2.pollInterval = 100;
  });

  after(async () => {
    await emulated?.stop();
    restoreHome?.();
  });

  it('AuthInfo identifies the org and user from the token alone', () => {
    const fields = authInfo.getFields();
    expect(authInfo.getUsername()).to.equal(emulated.username);
    expect(fields.orgId).to.equal(emulated.orgId);
    expect(fields.instanceUrl).to.equal(emulated.instanceUrl);
    expect(fields.isDevHub).to.equal(false);
    expect(conn.getApiVersion()).to.equal(API_VERSION);
  });

  it('describes an object with the fields and child relationships of the emulated schema', async () => {
    const describe = await conn.describe('Account');
    const expected = emulated.org.source.describeObject('Account');
    expect(describe.name).to.equal('Account');
    expect(describe.fields.map((field) => field.name).sort()).to.deep.equal(expected?.fields.map((field) => field.name).sort());
    const parent = describe.fields.find((field) => field.name === 'ParentId');
    expect(parent?.referenceTo).to.deep.equal(['Account']);
    expect(parent?.relationshipName).to.equal('Parent');
    const contacts = describe.childRelationships.find((child) => child.relationshipName === 'Contacts');
    expect(contacts).to.include({ childSObject: 'Contact', field: 'AccountId' });
  });

  it('pages a query with queryMore, every page matching the org (batchSize=200)', async () => {
    const options: QueryOptions = {
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
      autoFetch: false,
      maxFetch: 10_000,
      scanAll: false,
      responseTarget: 'QueryResult',
    };
    const expectedTotal = emulated.org.count('Account');
    expect(expectedTotal, 'the bench dataset must give several pages').to.be.greaterThan(400);
    let page = await conn.query<Row>('SELECT Id, Name, AccountNumber, ParentId, Parent.Name FROM Account', options);
    const seen = new Set<string>();
    let pages = 0;
    for (;;) {
      pages++;
      expect(page.totalSize).to.equal(expectedTotal);
      expect(page.records.length).to.equal(page.done ? expectedTotal - seen.size : 200);
      for (const row of page.records) {
        expect(seen.has(row.Id), `duplicate ${row.Id}`).to.equal(false);
        seen.add(row.Id);
        const stored = emulated.org.get(row.Id);
        expect(row).to.include({ Name: stored?.Name, AccountNumber: stored?.AccountNumber ?? null, ParentId: stored?.ParentId ?? null });
        const parentName = stored?.ParentId ? emulated.org.get(stored.ParentId as string)?.Name : undefined;
        expect((row.Parent as { Name?: unknown } | null)?.Name).to.equal(parentName);
      }
      if (page.done) break;
      expect(page.nextRecordsUrl).to.be.a('string');
      page = await conn.queryMore<Row>(page.nextRecordsUrl as string, options);
    }
    expect(pages).to.equal(Math.ceil(expectedTotal / 200));
    expect([...seen].sort()).to.deep.equal(
      emulated.org
        .records('Account')
        .map((record) => record.Id)
        .sort()
    );
  });

  it('creates, updates and deletes through sObject collections', async () => {
    const names = ['Collections One', 'Collections Two', 'Collections Three'];
    const created = await conn.sobject('Account').create(
      names.map((Name) => ({ Name, Industry: 'Energy' })),
      { allOrNone: true }
    );
    const ids = created.map((result) => {
      expect(result.success, JSON.stringify(result)).to.equal(true);
      return result.id as string;
    });
    expect(ids.map((id) => emulated.org.get(id)?.Name)).to.deep.equal(names);

    const updated = await conn.sobject('Account').update(ids.map((Id) => ({ Id, Industry: 'Banking', NumberOfEmployees: 42 })));
    expect(updated.every((result) => result.success)).to.equal(true);
    for (const id of ids) expect(emulated.org.get(id)).to.include({ Industry: 'Banking', NumberOfEmployees: 42 });

    const deleted = await conn.sobject('Account').destroy(ids);
    expect(deleted.map((result) => result.id)).to.deep.equal(ids);
    const live = new Set(emulated.org.records('Account').map((record) => record.Id));
    expect(ids.filter((id) => live.has(id))).to.deep.equal([]);
  });

  it('rolls a collection back with allOrNone when one record fails, as Salesforce reports it', async () => {
    const before = emulated.org.count('Account');
    const results = await conn.sobject('Account').create([{ Name: 'Rolled Back' }, { Industry: 'Energy' }], { allOrNone: true });
    expect(results.every((result) => !result.success)).to.equal(true);
    // Salesforce names it `statusCode` in collection results; jsforce's SaveError type says `errorCode`.
    const codes = results.map((result) => (result.success ? '' : (result.errors[0] as unknown as { statusCode: string }).statusCode));
    expect(codes).to.deep.equal(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING']);
    expect(emulated.org.count('Account')).to.equal(before);
  });

  it('loads records with a Bulk 2.0 ingest job and reports each row', async () => {
    const accountId = emulated.org.records('Account')[0].Id;
    const input = Array.from({ length: 250 }, (_, index) => ({
      LastName: `Bulk ${index}`,
      Email: `bulk.${index}@example.com`,
      AccountId: index === 249 ? 'not-an-id' : accountId,
    }));
    const results = await conn.bulk2.loadAndWaitForResults({ object: 'Contact', operation: 'insert', input, pollTimeout: 60_000 });
    expect(results.successfulResults).to.have.length(249);
    expect(results.failedResults).to.have.length(1);
    expect(results.unprocessedRecords).to.have.length(0);
    for (const row of results.successfulResults.map(bulkRow)) {
      expect(row.sf__Created).to.equal('true');
      expect(emulated.org.get(row.sf__Id)).to.include({ LastName: row.LastName, Email: row.Email, AccountId: accountId });
    }
    const failed = bulkRow(results.failedResults[0]);
    expect(failed.LastName).to.equal('Bulk 249');
    expect(failed.sf__Error).to.match(/^MALFORMED_ID:/);
    expect(emulated.org.records('Contact').filter((contact) => contact.LastName === 'Bulk 249')).to.deep.equal([]);
  });

  it('reads the same rows as the org with a Bulk 2.0 query', async () => {
    const stream = await conn.bulk2.query('SELECT Id, Name, AccountNumber FROM Account', { pollTimeout: 60_000 });
    const rows = await new Promise<Row[]>((resolve, reject) => {
      const collected: Row[] = [];
      stream.on('record', (row: Row) => collected.push(row));
      stream.on('error', reject);
      stream.on('end', () => resolve(collected));
    });
    const expected = emulated.org.records('Account');
    expect(rows).to.have.length(expected.length);
    const byId = new Map(rows.map((row) => [row.Id, row]));
    for (const record of expected) {
      // Bulk CSV has no null: an empty cell is an empty field.
      expect(byId.get(record.Id)).to.deep.equal({ Id: record.Id, Name: record.Name, AccountNumber: record.AccountNumber ?? '' });
    }
  });
});
