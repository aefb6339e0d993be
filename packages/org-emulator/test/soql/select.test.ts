import { expect } from 'chai';
import { runSoql, SoqlError } from '../../src/soql/index.js';
import { attrs, ids, options, sampleOrg } from './sampleOrg.js';

function query(soql: string, source = sampleOrg()): ReturnType<typeof runSoql> {
  return runSoql(soql, source, options);
}

function errorOf(soql: string): SoqlError {
  try {
    query(soql);
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`expected ${soql} to fail`);
}

describe('soql SELECT', () => {
  it('returns fields in select order with canonical names whatever the case written', () => {
    const result = query("select NAME, id from ACCOUNT where name = 'acme'");
    expect(result.records).to.deep.equal([{ attributes: attrs('Account', ids.acme), Name: 'Acme', Id: ids.acme }]);
    expect(Object.keys(result.records[0])).to.deep.equal(['attributes', 'Name', 'Id']);
    expect(result.columns).to.deep.equal(['Name', 'Id']);
    expect(result.objectName).to.equal('Account');
    expect(result.totalSize).to.equal(1);
  });

  it('keeps typed JSON values and null for unset fields', () => {
    const [row] = query(`SELECT NumberOfEmployees, AnnualRevenue, Is_Vip__c, CreatedDate, LastActivityDate FROM Account WHERE Id = '${ids.globex}'`).records;
    expect(row).to.deep.include({
      NumberOfEmployees: 20,
      AnnualRevenue: null,
      Is_Vip__c: false,
      CreatedDate: '2024-03-15T23:30:00.000+0000',
      LastActivityDate: null,
    });
  });

  it('nests parent paths of any depth under relationship names, sharing one node per parent', () => {
    const [row] = query(`SELECT Id, Parent.Name, Parent.Parent.Name, Owner.Username, Parent.Owner.Email FROM Account WHERE Id = '${ids.initech}'`).records;
    expect(row).to.deep.equal({
      attributes: attrs('Account', ids.initech),
      Id: ids.initech,
      Parent: {
        attributes: attrs('Account', ids.globex),
        Name: 'Globex',
        Parent: { attributes: attrs('Account', ids.acme), Name: 'Acme' },
        Owner: { attributes: attrs('User', ids.bob), Email: 'bob@example.com' },
      },
      Owner: { attributes: attrs('User', ids.alice), Username: 'alice@example.com' },
    });
  });

  it('gives null for an unset parent, and does not descend further', () => {
    const [row] = query(`SELECT Parent.Name, Parent.Parent.Name FROM Account WHERE Id = '${ids.acme}'`).records;
    expect(row).to.deep.equal({ attributes: attrs('Account', ids.acme), Parent: null });
  });

  it('lists parent columns with canonical relationship names', () => {
    expect(query('SELECT id, account.NAME FROM contact').columns).to.deep.equal(['Id', 'Account.Name']);
  });

  it('accepts the object name or alias as a qualifier', () => {
    expect(query("SELECT Account.Name FROM Account WHERE Name = 'Acme'").records[0]).to.have.property('Name', 'Acme');
    expect(query("SELECT a.Name FROM Account a WHERE a.Name = 'Acme'").records[0]).to.have.property('Name', 'Acme');
  });

  it('follows polymorphic references to the actual record type', () => {
    const rows = query('SELECT Subject, What.Name, Owner.Name FROM Task ORDER BY Subject').records;
    expect(rows[0]).to.deep.equal({
      attributes: attrs('Task', ids.call),
      Subject: 'Call',
      What: { attributes: attrs('Account', ids.acme), Name: 'Acme' },
      // Owner.Name is validated against Group (User has no Name here); the User parent yields null.
      Owner: { attributes: attrs('User', ids.alice), Name: null },
    });
    expect(rows[1]).to.deep.include({
      What: { attributes: attrs('Contact', ids.ann), Name: null },
      Owner: { attributes: attrs('Group', ids.queue), Name: 'Support Queue' },
    });
  });

  it('leaves deleted rows out unless includeDeleted (queryAll)', () => {
    const source = sampleOrg();
    expect(runSoql('SELECT Id FROM Account', source, options).totalSize).to.equal(3);
    const all = runSoql('SELECT Id, IsDeleted FROM Account', source, { ...options, includeDeleted: true });
    expect(all.totalSize).to.equal(4);
    expect(all.records[3]).to.deep.include({ Id: ids.deleted, IsDeleted: true });
  });

  it('keeps the recycle bin out of index hits too', () => {
    const indexed = sampleOrg(['Id']);
    const soql = `SELECT Id FROM Account WHERE Id = '${ids.deleted}'`;
    expect(runSoql(soql, indexed, options).totalSize).to.equal(0);
    expect(runSoql(soql, indexed, { ...options, includeDeleted: true }).totalSize).to.equal(1);
    expect(indexed.indexCalls).to.have.length(2);
  });

  it('expands FIELDS(STANDARD) and FIELDS(CUSTOM), which needs LIMIT 200 or less', () => {
    expect(query('SELECT FIELDS(CUSTOM) FROM Account LIMIT 1').columns).to.deep.equal(['Industries__c', 'External_Id__c', 'Is_Vip__c']);
    expect(query('SELECT FIELDS(STANDARD) FROM Contact').columns).to.deep.equal(['Id', 'IsDeleted', 'FirstName', 'LastName', 'AccountId', 'Birthdate']);
    const error = errorOf('SELECT FIELDS(ALL) FROM Account');
    expect(error.errorCode).to.equal('MALFORMED_QUERY');
    expect(error.message).to.match(/The SOQL FIELDS function must have a LIMIT of at most 200$/);
  });

  it('rejects a field selected twice with INVALID_FIELD and no excerpt, as Salesforce documents', () => {
    const error = errorOf('SELECT Id, Name, id FROM Account');
    expect(error.errorCode).to.equal('INVALID_FIELD');
    expect(error.message).to.equal('duplicate field selected: Id');
  });
});

describe('soql COUNT', () => {
  it('COUNT() answers the total with no records', () => {
    const result = query("SELECT count() FROM Account WHERE Type != 'Partner'");
    expect(result).to.deep.equal({ records: [], totalSize: 2, objectName: 'Account', columns: [] });
  });

  it('COUNT(Id) gives one AggregateResult row keyed expr0, or the alias', () => {
    expect(query('select count(Id) from Account').records).to.deep.equal([{ attributes: { type: 'AggregateResult' }, expr0: 3 }]);
    const aliased = query('SELECT COUNT(Id) CNT FROM Account');
    expect(aliased.records).to.deep.equal([{ attributes: { type: 'AggregateResult' }, CNT: 3 }]);
    expect(aliased.columns).to.deep.equal(['CNT']);
    expect(aliased.totalSize).to.equal(1);
  });

  it('COUNT(field) counts non-null values; several counts are expr0, expr1', () => {
    expect(query('SELECT COUNT(Id), COUNT(NumberOfEmployees) FROM Account').records[0]).to.deep.equal({
      attributes: { type: 'AggregateResult' },
      expr0: 3,
      expr1: 2,
    });
  });

  it('rejects a plain field beside an aggregate', () => {
    const error = errorOf('SELECT Name, COUNT(Id) FROM Account');
    expect(error.errorCode).to.equal('MALFORMED_QUERY');
    expect(error.message).to.match(/Field must be grouped or aggregated: Name$/);
  });
});
