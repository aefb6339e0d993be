import { expect } from 'chai';
import { didYouMean } from '../../../src/lib/template/didYouMean.js';

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
