import { expect } from 'chai';
import { compileCondition, SoqlError } from '../../src/soql/index.js';
import { ids, sampleOrg } from './sampleOrg.js';

describe('soql compileCondition', () => {
  const source = sampleOrg();

  it('evaluates a validation-rule style expression on one record', () => {
    const rule = compileCondition('Account', "Type = 'Branch' AND ParentId = null", source);
    expect(rule({ Id: ids.acme, Type: 'branch', ParentId: null })).to.equal(true);
    expect(rule({ Id: ids.acme, Type: 'Branch', ParentId: ids.globex })).to.equal(false);
    expect(rule({ Id: ids.acme, Type: 'Customer' })).to.equal(false);
  });

  it('reads parent paths of an unsaved record through the data source', () => {
    const rule = compileCondition('Contact', "Account.Owner.Username = 'alice@example.com'", source);
    expect(rule({ Id: 'new', AccountId: ids.acme })).to.equal(true);
    expect(rule({ Id: 'new', AccountId: ids.globex })).to.equal(false);
    expect(rule({ Id: 'new', AccountId: null })).to.equal(false);
  });

  it('uses the given clock for relative dates', () => {
    const rule = compileCondition('Contact', 'Birthdate > TODAY', source, { now: new Date('2000-01-01T00:00:00Z') });
    expect(rule({ Id: 'x', Birthdate: '2000-01-02' })).to.equal(true);
    expect(rule({ Id: 'x', Birthdate: '2000-01-01' })).to.equal(false);
  });

  it('throws SoqlError for a bad expression, an unknown field or object', () => {
    expect(() => compileCondition('Account', "Type = 'a' AND", source)).to.throw(SoqlError, "unexpected token: '<EOF>'");
    expect(() => compileCondition('Account', 'Nope__c = 1', source)).to.throw(SoqlError, "No such column 'Nope__c'");
    expect(() => compileCondition('Nope__c', 'Id = null', source)).to.throw(SoqlError, "sObject type 'Nope__c'");
  });
});
