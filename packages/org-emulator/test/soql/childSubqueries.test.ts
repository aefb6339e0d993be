import { expect } from 'chai';
import { errorLocationPrefix } from '../../src/soql/errors.js';
import { runSoql, SoqlError, type SoqlOptions } from '../../src/soql/index.js';
import { FakeSource, fakeId, field, reference } from './fakeSource.js';
import { readFixture } from './recordedFixtures.js';
import { attrs, ids, options, sampleOrg } from './sampleOrg.js';

type Row = Record<string, unknown>;
type Nested = { totalSize: number; done: boolean; records: Row[] };

function rows(soql: string, source = sampleOrg(), overrides: Partial<SoqlOptions> = {}): Row[] {
  return runSoql(soql, source, { ...options, ...overrides }).records;
}

function errorOf(soql: string, source = sampleOrg(), overrides: Partial<SoqlOptions> = {}): SoqlError {
  try {
    runSoql(soql, source, { ...options, ...overrides });
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`expected ${soql} to fail`);
}

/** The same children's fields, without their `attributes`. */
function namesOf(nested: unknown, fieldName = 'LastName'): unknown[] | null {
  return nested === null ? null : (nested as Nested).records.map((row) => row[fieldName]);
}

describe('soql parent-to-child subqueries', () => {
  it('gives each parent row its children as a nested query result, or null when it has none', () => {
    const result = rows('SELECT Name, (SELECT LastName FROM Contacts) FROM Account ORDER BY Name');
    expect(result).to.deep.equal([
      {
        attributes: attrs('Account', ids.acme),
        Name: 'Acme',
        Contacts: { totalSize: 1, done: true, records: [{ attributes: attrs('Contact', ids.ann), LastName: 'Lee' }] },
      },
      {
        attributes: attrs('Account', ids.globex),
        Name: 'Globex',
        Contacts: { totalSize: 1, done: true, records: [{ attributes: attrs('Contact', ids.ben), LastName: "O'Neil" }] },
      },
      { attributes: attrs('Account', ids.initech), Name: 'initech', Contacts: null },
    ]);
    expect(Object.keys(result[0])).to.deep.equal(['attributes', 'Name', 'Contacts']);
    expect(Object.keys(result[0].Contacts as object)).to.deep.equal(['totalSize', 'done', 'records']);
  });

  it('keeps each subquery at its place in the select list, whatever the case it is written in', () => {
    const [row] = rows("SELECT (select LastName from CONTACTS), Name, Owner.Email, (SELECT Subject FROM tasks) FROM Account WHERE Name = 'Acme'");
    expect(Object.keys(row)).to.deep.equal(['attributes', 'Contacts', 'Name', 'Owner', 'Tasks']);
  });

  it("applies the subquery's WHERE, ORDER BY and LIMIT to each parent's children", () => {
    const source = sampleOrg();
    for (const [n, name] of ['Zed', 'Adams', 'Moe'].entries()) source.insert('Contact', { Id: fakeId('003', 10 + n), LastName: name, AccountId: ids.acme });
    const [acme, globex] = rows(
      "SELECT Name, (SELECT LastName FROM Contacts WHERE LastName != 'Moe' ORDER BY LastName DESC LIMIT 2) FROM Account WHERE Id IN ('" +
        `${ids.acme}', '${ids.globex}') ORDER BY Name`,
      source
    );
    expect(namesOf(acme.Contacts)).to.deep.equal(['Zed', 'Lee']);
    expect(namesOf(globex.Contacts)).to.deep.equal(["O'Neil"]);
    const [filteredOut] = rows("SELECT Name, (SELECT LastName FROM Contacts WHERE LastName = 'nobody') FROM Account WHERE Name = 'Acme'", source);
    expect(filteredOut.Contacts, 'no child left after the WHERE').to.equal(null);
  });

  it('follows self, polymorphic and nested relationships (five levels from API 58.0)', () => {
    const [acme] = rows(
      "SELECT Name, (SELECT Name FROM ChildAccounts), (SELECT Subject FROM Tasks), (SELECT LastName, (SELECT Subject FROM Tasks) FROM Contacts) FROM Account WHERE Name = 'Acme'"
    );
    expect(namesOf(acme.ChildAccounts, 'Name')).to.deep.equal(['Globex']);
    expect(namesOf(acme.Tasks, 'Subject')).to.deep.equal(['Call']);
    const [ann] = (acme.Contacts as Nested).records;
    expect(ann).to.deep.equal({
      attributes: attrs('Contact', ids.ann),
      LastName: 'Lee',
      Tasks: { totalSize: 1, done: true, records: [{ attributes: attrs('Task', ids.email), Subject: 'Email' }] },
    });
    const chain = (levels: number): string => (levels === 1 ? 'SELECT Name FROM ChildAccounts' : `SELECT Name, (${chain(levels - 1)}) FROM ChildAccounts`);
    const [top] = rows(`SELECT Name, (${chain(4)}) FROM Account WHERE Name = 'Acme'`);
    expect(namesOf(top.ChildAccounts, 'Name')).to.deep.equal(['Globex']);
    const tooDeep = errorOf(`SELECT Name, (${chain(5)}) FROM Account`);
    expect([tooDeep.errorCode, tooDeep.message.split('\n').pop()]).to.deep.equal([
      'MALFORMED_QUERY',
      'SOQL statements cannot query aggregate relationships more than 4 levels away from the root entity object.',
    ]);
  });

  it('allows one level of subqueries through API 57.0', () => {
    expect(rows("SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE Name = 'Acme'", sampleOrg(), { apiVersion: '57.0' })).to.have.length(1);
    const soql = 'SELECT Name, (SELECT LastName, (SELECT Subject FROM Tasks) FROM Contacts) FROM Account';
    const error = errorOf(soql, sampleOrg(), { apiVersion: '57.0' });
    expect(error.errorCode).to.equal('MALFORMED_QUERY');
    expect(error.message).to.equal(
      errorLocationPrefix(soql, soql.indexOf('(SELECT Subject')) +
        'SOQL statements cannot query aggregate relationships more than 1 level away from the root entity object.'
    );
  });

  it("reads all the parents' children in one index call when the source has an index", () => {
    const source = sampleOrg(['AccountId']);
    rows('SELECT Name, (SELECT LastName FROM Contacts) FROM Account', source);
    expect(source.indexCalls).to.have.length(1);
    expect(source.indexCalls[0]).to.deep.include({ objectName: 'Contact', fieldName: 'AccountId' });
    expect(source.indexCalls[0].values).to.have.members([ids.acme, ids.globex, ids.initech]);
    expect(source.scans, 'only Account is scanned').to.equal(1);
  });

  it('leaves deleted children out, except in queryAll', () => {
    const source = sampleOrg();
    source.insert('Contact', { Id: fakeId('003', 20), LastName: 'Binned', AccountId: ids.acme, IsDeleted: true });
    const soql = "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account WHERE Name = 'Acme'";
    expect(namesOf(rows(soql, source)[0].Contacts)).to.deep.equal(['Lee']);
    expect(namesOf(rows(soql, source, { includeDeleted: true })[0].Contacts)).to.deep.equal(['Binned', 'Lee']);
  });

  it('accepts the parent object before the relationship name, and the child object as a field qualifier', () => {
    const [row] = rows("SELECT Name, (SELECT Contact.LastName FROM Account.Contacts) FROM Account WHERE Name = 'Acme'");
    expect(namesOf(row.Contacts)).to.deep.equal(['Lee']);
  });

  it('reproduces a recorded response with a subquery exactly, key order included (CumulusCI recording)', () => {
    type Exchange = { request: { url: string }; response: { body: { totalSize: number; done: boolean; records: Row[] } } };
    const exchange = readFixture<Exchange>('query/cci__TestUpsert.test_simple_upsert__rest__30_GET_query-_Opportunities.json');
    const source = new FakeSource()
      .addObject('Contact', [field('Id', 'id'), field('IsDeleted', 'boolean'), field('FirstName', 'string')])
      .addObject('Opportunity', [field('Id', 'id'), field('IsDeleted', 'boolean'), field('Name', 'string'), reference('ContactId', 'Contact', ['Contact'])])
      .addChildRelationship('Contact', 'Opportunities', 'Opportunity', 'ContactId');
    const idOf = (row: Row): string => String((row.attributes as { url: string }).url.split('/').pop());
    for (const contact of exchange.response.body.records) {
      source.insert('Contact', { Id: idOf(contact), FirstName: contact.FirstName });
      for (const opportunity of (contact.Opportunities as Nested | null)?.records ?? []) {
        source.insert('Opportunity', { Id: idOf(opportunity), Name: opportunity.Name, ContactId: idOf(contact) });
      }
    }
    const soql = new URL(exchange.request.url).searchParams.get('q') as string;
    expect(soql).to.equal('select FirstName,(select Name from Opportunities) from Contact');
    const result = runSoql(soql, source, { includeDeleted: false, apiVersion: 'xx.0' });
    expect(JSON.stringify(result.records)).to.equal(JSON.stringify(exchange.response.body.records));
    expect(result.totalSize).to.equal(exchange.response.body.totalSize);
  });
});

describe('soql parent-to-child subquery errors', () => {
  const unknownRelationship = (name: string): string =>
    `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`;

  it('refuses a relationship the parent does not have with INVALID_TYPE at its name', () => {
    for (const [soql, name, at] of [
      ['SELECT Name, (SELECT LastName FROM Contactz) FROM Account', 'Contactz', 'Contactz'],
      ['SELECT LastName, (SELECT LastName FROM Contacts) FROM Contact', 'Contacts', 'Contacts'],
      ['SELECT Name, (SELECT LastName FROM Contact.Contacts) FROM Account', 'Contact.Contacts', 'Contacts'],
    ]) {
      const error = errorOf(soql);
      expect(error.errorCode, soql).to.equal('INVALID_TYPE');
      expect(error.message, soql).to.equal(errorLocationPrefix(soql, soql.indexOf(at)) + unknownRelationship(name));
    }
  });

  it("checks the subquery's fields against the child object", () => {
    const error = errorOf('SELECT Name, (SELECT Nope FROM Contacts) FROM Account');
    expect(error.errorCode).to.equal('INVALID_FIELD');
    expect(error.message).to.match(/No such column 'Nope' on entity 'Contact'/);
  });

  it('allows 20 subqueries in a statement and refuses the 21st', () => {
    const source = new FakeSource().addObject('Parent__c', [field('Id', 'id'), field('IsDeleted', 'boolean')]);
    for (let i = 1; i <= 21; i += 1) {
      source.addObject(`Child${i}__c`, [field('Id', 'id'), field('IsDeleted', 'boolean'), reference('Parent__c', 'Parent__r', ['Parent__c'])]);
      source.addChildRelationship('Parent__c', `Children${i}__r`, `Child${i}__c`, 'Parent__c');
    }
    const soql = (count: number): string =>
      `SELECT Id, ${Array.from({ length: count }, (_, i) => `(SELECT Id FROM Children${i + 1}__r)`).join(', ')} FROM Parent__c`;
    expect(() => runSoql(soql(20), source, options)).to.not.throw();
    const error = errorOf(soql(21), source);
    expect(error.errorCode).to.equal('MALFORMED_QUERY');
    expect(error.message).to.match(/\^\nERROR at Row:1:Column:\d+\nSOQL statements cannot query more than 20 different child types$/);
  });

  it('refuses the same relationship twice, as a field selected twice', () => {
    const error = errorOf('SELECT Name, (SELECT Id FROM Contacts), (SELECT LastName FROM contacts) FROM Account');
    expect([error.errorCode, error.message]).to.deep.equal(['INVALID_FIELD', 'duplicate field selected: Contacts']);
  });

  it('says plainly what the emulator does not implement around subqueries', () => {
    for (const soql of [
      'SELECT COUNT(), (SELECT Id FROM Contacts) FROM Account',
      'SELECT Name, (SELECT COUNT() FROM Contacts) FROM Account',
      'SELECT Name, (SELECT Id FROM Contacts LIMIT 5 OFFSET 1) FROM Account',
      'SELECT Id FROM Contact WHERE AccountId IN (SELECT Id, (SELECT Id FROM Contacts) FROM Account)',
    ]) {
      const error = errorOf(soql);
      expect(error.errorCode, soql).to.equal('MALFORMED_QUERY');
      expect(error.message, soql).to.match(/is not supported by the Salesforce emulator$/);
    }
  });
});
