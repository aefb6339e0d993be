import { expect } from 'chai';
import { runSoql } from '../../src/soql/index.js';
import { FakeSource, fakeId, field } from './fakeSource.js';
import { options, sampleOrg } from './sampleOrg.js';

function accounts(rest: string): string[] {
  return runSoql(`SELECT Name FROM Account ${rest}`, sampleOrg(), options).records.map((r) => String(r.Name));
}

describe('soql ORDER BY, LIMIT, OFFSET', () => {
  it('sorts text case-insensitively, ascending or descending', () => {
    expect(accounts('ORDER BY Name')).to.deep.equal(['Acme', 'Globex', 'initech']);
    expect(accounts('ORDER BY Name DESC')).to.deep.equal(['initech', 'Globex', 'Acme']);
  });

  it('puts nulls first ascending and last descending by default, or as NULLS FIRST/LAST says', () => {
    expect(accounts('ORDER BY NumberOfEmployees')).to.deep.equal(['initech', 'Globex', 'Acme']);
    expect(accounts('ORDER BY NumberOfEmployees DESC')).to.deep.equal(['Acme', 'Globex', 'initech']);
    expect(accounts('ORDER BY NumberOfEmployees ASC NULLS LAST')).to.deep.equal(['Globex', 'Acme', 'initech']);
    expect(accounts('ORDER BY NumberOfEmployees DESC NULLS FIRST')).to.deep.equal(['initech', 'Acme', 'Globex']);
  });

  it('sorts by several keys, parent paths and dateTimes, and keeps ties in stored order', () => {
    expect(accounts('ORDER BY Is_Vip__c, Name DESC')).to.deep.equal(['initech', 'Globex', 'Acme']);
    expect(accounts('ORDER BY Owner.Username DESC, CreatedDate')).to.deep.equal(['Globex', 'initech', 'Acme']);
    expect(accounts('ORDER BY Owner.Username')).to.deep.equal(['Acme', 'initech', 'Globex']);
  });

  it('applies OFFSET then LIMIT after sorting', () => {
    expect(accounts('ORDER BY Name LIMIT 2')).to.deep.equal(['Acme', 'Globex']);
    expect(accounts('ORDER BY Name LIMIT 1 OFFSET 1')).to.deep.equal(['Globex']);
    expect(accounts('ORDER BY Name OFFSET 2')).to.deep.equal(['initech']);
    expect(accounts('LIMIT 0')).to.deep.equal([]);
  });

  it('compiles only when asked for the plan: the same errors and columns, no rows read', () => {
    const plan = runSoql('SELECT Name, Owner.Username FROM Account ORDER BY Name', sampleOrg(), { ...options, planOnly: true });
    expect(plan).to.deep.include({ objectName: 'Account', records: [], columns: ['Name', 'Owner.Username'] });
    expect(() => runSoql('SELECT Nope__c FROM Account', sampleOrg(), { ...options, planOnly: true })).to.throw(/No such column 'Nope__c'/);
    expect(() => runSoql('SELECT Name FROM Account ORDER BY Description', sampleOrg(), { ...options, planOnly: true })).to.throw();
  });

  it('counts COUNT() within LIMIT', () => {
    expect(runSoql('SELECT COUNT() FROM Account LIMIT 2', sampleOrg(), options).totalSize).to.equal(2);
  });

  it('stops scanning once LIMIT rows match when there is no ORDER BY', () => {
    const source = new FakeSource().addObject('Thing__c', [field('Id', 'id'), field('Name', 'string')]);
    let read = 0;
    for (let i = 1; i <= 1000; i += 1) source.insert('Thing__c', { Id: fakeId('a00', i), Name: `T${i}` });
    const scan = source.scan.bind(source);
    source.scan = (objectName, scanOptions): Iterable<ReturnType<typeof source.insert>> =>
      (function* counted() {
        for (const record of scan(objectName, scanOptions)) {
          read += 1;
          yield record;
        }
      })();
    const result = runSoql('SELECT Name FROM Thing__c LIMIT 3', source, options);
    expect(result.records.map((r) => r.Name)).to.deep.equal(['T1', 'T2', 'T3']);
    expect(read).to.be.at.most(4);
  });
});
