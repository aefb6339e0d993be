import { expect } from 'chai';
import { didYouMean } from '../../../src/lib/template/didYouMean.js';
import { summariseQueryError } from '../../../src/lib/template/soqlCheck.js';

describe('didYouMean', () => {
  const names = ['Account', 'Contact', 'Email', 'Invoice__c'];

  it('suggests the closest name for plausible typos, case-insensitively', () => {
    expect(didYouMean('Acount', names)).to.equal('Account');
    expect(didYouMean('emial', names)).to.equal('Email');
    expect(didYouMean('INVOICE_C', names)).to.equal('Invoice__c');
  });

  it('suggests nothing for names that are not close', () => {
    expect(didYouMean('Foo__c', names)).to.equal(undefined);
    expect(didYouMean('Abc', names)).to.equal(undefined);
    expect(didYouMean('Account', [])).to.equal(undefined);
  });
});

describe('summariseQueryError', () => {
  it("keeps Salesforce's last line and translates the column into the clause", () => {
    const message = "\nSELECT COUNT() FROM Account WHERE Nme = 'x'\n                                  ^\nERROR at Row:1:Column:35\nNo such column 'Nme' on entity 'Account'.";
    expect(summariseQueryError(message, 'SELECT COUNT() FROM Account WHERE '.length)).to.equal(
      "No such column 'Nme' on entity 'Account'. (at character 1 of the clause)"
    );
    expect(summariseQueryError("unexpected token: 'DESCC'", 10)).to.equal("unexpected token: 'DESCC'");
  });
});
