import { expect } from 'chai';
import { FakeSource, fakeId, field } from './fakeSource.js';
import { runSoql } from '../../src/soql/index.js';

const options = { includeDeleted: false, apiVersion: '62.0' };

function bigOrg(count: number): FakeSource {
  const source = new FakeSource(['Id', 'Key__c']).addObject('Item__c', [
    field('Id', 'id'),
    field('IsDeleted', 'boolean'),
    field('Name', 'string'),
    field('Key__c', 'string', { externalId: true, unique: true }),
  ]);
  for (let i = 1; i <= count; i += 1) source.insert('Item__c', { Id: fakeId('a01', i), Name: `Item ${i}`, Key__c: `K-${i}` });
  return source;
}

describe('soql performance and index use', () => {
  const source = bigOrg(100_000);

  // Speed itself is measured by `npm run bench:emulator`, not here (timed tests fail on a loaded machine):
  // this checks the reason it is fast, that no scan of the 100k records happens.
  it('answers Id IN (200 ids) over 100k records through the index, without scanning', () => {
    const wanted = Array.from({ length: 200 }, (_, i) => fakeId('a01', 1 + i * 499));
    const soql = `SELECT Id, Name FROM Item__c WHERE Id IN ('${wanted.join("','")}')`;
    const scansBefore = source.scans;
    const result = runSoql(soql, source, options);
    expect(result.totalSize).to.equal(200);
    expect(source.scans).to.equal(scansBefore);
  });

  it('uses the index for one term of a top-level AND and still applies the rest', () => {
    const calls = source.indexCalls.length;
    const result = runSoql("SELECT Name FROM Item__c WHERE Name LIKE 'Item 1%' AND Key__c IN ('k-10', 'K-20')", source, options);
    expect(result.records.map((r) => r.Name)).to.deep.equal(['Item 10']);
    expect(source.indexCalls.slice(calls)).to.deep.equal([{ objectName: 'Item__c', fieldName: 'Key__c', values: ['k-10', 'K-20'] }]);
  });

  it('passes 15-character id literals to the index in the stored 18-character form', () => {
    const calls = source.indexCalls.length;
    const id = fakeId('a01', 42);
    expect(runSoql(`SELECT Name FROM Item__c WHERE Id = '${id.slice(0, 15)}'`, source, options).records).to.have.length(1);
    expect(source.indexCalls[calls].values).to.deep.equal([id]);
  });

  it('scans when the condition cannot be narrowed by an index (OR, NOT IN)', () => {
    const calls = source.indexCalls.length;
    const scans = source.scans;
    runSoql("SELECT Id FROM Item__c WHERE Key__c = 'K-1' OR Name = 'Item 2'", source, options);
    runSoql("SELECT Id FROM Item__c WHERE Key__c NOT IN ('K-1') LIMIT 1", source, options);
    expect(source.indexCalls.length).to.equal(calls);
    expect(source.scans).to.equal(scans + 2);
  });
});
