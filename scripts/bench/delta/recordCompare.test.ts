import { expect } from 'chai';
import { diffSignatures, identities, signatures } from './recordCompare.js';

describe('bench: comparing two orgs record by record', () => {
  const shape = { object: 'Contact', values: ['LastName', 'Title'], lookups: ['AccountId'] };

  it('writes lookups as what they point to, so records of orgs with other ids compare equal', () => {
    const source = identities('Account', [{ Id: '001A', Name: 'Acme', BillingCity: 'Oslo' }], ['Name', 'BillingCity'], new Set(['BillingCity']));
    const target = identities('Account', [{ Id: '001Z', Name: 'Acme', BillingCity: 'Changed 1' }], ['Name', 'BillingCity'], new Set(['BillingCity']));
    expect(source.get('001A')).to.equal('Account(Acme)');
    const inSource = signatures(shape, [{ Id: '003A', LastName: 'Lovelace', Title: null, AccountId: '001A' }], source);
    const inTarget = signatures(shape, [{ Id: '003Z', LastName: 'Lovelace', AccountId: '001Z' }], target);
    expect(inSource).to.deep.equal(['LastName=Lovelace, Title=, AccountId->Account(Acme)']);
    expect(inTarget).to.deep.equal(inSource);
  });

  it('never matches a lookup to a record it cannot name, nor an empty one to a set one', () => {
    const [unknown, empty] = signatures(shape, [{ LastName: 'A', AccountId: '001Q' }, { LastName: 'A' }], new Map());
    expect(unknown).to.contain('AccountId->?001Q');
    expect(empty).to.contain('AccountId->none');
  });

  it('finds what one org holds and the other does not, duplicates counted', () => {
    expect(diffSignatures(['a', 'b', 'b', 'c'], ['b', 'c', 'd'])).to.deep.equal({ onlyInSource: ['a', 'b'], onlyInTarget: ['d'] });
    expect(diffSignatures(['a', 'a'], ['a', 'a'])).to.deep.equal({ onlyInSource: [], onlyInTarget: [] });
  });
});
