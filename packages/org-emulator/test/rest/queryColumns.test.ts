import { expect } from 'chai';
import type { EmulatedOrg } from '../../src/orgServer.js';
import { type Call, startTestOrg } from '../http/testServer.js';

const V = '/services/data/v62.0';
const columnsOf = (org: { call: Call }, soql: string): ReturnType<Call> => org.call('GET', `${V}/query?q=${encodeURIComponent(soql)}&columns=true`);

describe('emulator query endpoint: columns=true', () => {
  let org: EmulatedOrg & { call: Call };
  before(async () => {
    org = await startTestOrg({ seed: (target) => void target.insert('Account', { Name: 'Acme' }) });
  });
  after(async () => {
    await org.stop();
  });

  it('describes plain fields as plugin-data recorded them, not the rows', async () => {
    const res = await columnsOf(org, 'SELECT Id, Name FROM Account');
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ entityName: 'Account', groupBy: false, idSelected: true, keyPrefix: '001' });
    expect(res.body).to.not.have.property('records');
    expect(res.body.columnMetadata[0]).to.deep.equal({
      aggregate: false,
      apexType: 'Id',
      booleanType: false,
      columnName: 'Id',
      custom: false,
      displayName: 'Id',
      foreignKeyName: null,
      insertable: false,
      joinColumns: [],
      numberType: false,
      textType: false,
      updatable: false,
    });
    expect(res.body.columnMetadata[1]).to.include({ apexType: 'String', columnName: 'Name', textType: true, insertable: true });
  });

  it('nests parent paths under one relationship column with its foreign key', async () => {
    const res = await columnsOf(org, 'SELECT a.Name, Owner.Name, Owner.Email, Parent.Parent.Name FROM Account a');
    const [name, owner, parent] = res.body.columnMetadata as Array<{
      columnName: string;
      foreignKeyName: string | null;
      joinColumns: Array<{ columnName: string; joinColumns: unknown[] }>;
    }>;
    expect(res.body.idSelected).to.equal(false);
    expect(name.columnName).to.equal('Name');
    expect(owner).to.include({ columnName: 'Owner', foreignKeyName: 'OwnerId', apexType: null });
    expect(owner.joinColumns.map((column) => column.columnName)).to.deep.equal(['Name', 'Email']);
    expect(parent).to.include({ columnName: 'Parent', foreignKeyName: 'ParentId' });
    expect(parent.joinColumns[0]).to.deep.include({ columnName: 'Parent', foreignKeyName: 'ParentId' });
  });

  it('names aggregates expr0.. and still rejects a bad query with the query error', async () => {
    const counted = await columnsOf(org, 'SELECT COUNT(Id) FROM Account');
    expect(counted.body.columnMetadata[0]).to.include({ aggregate: true, columnName: 'expr0', displayName: 'count(Id)', numberType: true });
    const bad = await columnsOf(org, 'SELECT Nope__c FROM Account');
    expect(bad.status).to.equal(400);
    expect(bad.body[0].errorCode).to.equal('INVALID_FIELD');
  });
});
