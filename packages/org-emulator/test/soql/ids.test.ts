import { expect } from 'chai';
import { canonicalId, toId18 } from '../../src/soql/ids.js';

// Ids from recorded responses (shared/salesforce-fixtures/query), where Salesforce wrote the 18-character form.
const RECORDED = ['0051F00000nc59NQAQ', '003P000001avB5GIAU', '500i000000171NZAAY', '001i0000006QhnSAAS'];

describe('soql ids', () => {
  it('computes the 18-character form Salesforce returns from the 15-character one', () => {
    for (const id of RECORDED) expect(toId18(id.slice(0, 15))).to.equal(id);
  });

  it('reads an 18-character id in any letter case as the same record', () => {
    for (const id of RECORDED) {
      expect(canonicalId(id)).to.equal(id.slice(0, 15));
      expect(canonicalId(id.slice(0, 15) + id.slice(15).toLowerCase())).to.equal(id.slice(0, 15));
      expect(canonicalId(id.toLowerCase())).to.equal(id.slice(0, 15));
      expect(canonicalId(id.toUpperCase())).to.equal(id.slice(0, 15));
    }
  });

  it('keeps 15-character ids case-sensitive', () => {
    expect(canonicalId('0051f00000nc59n')).to.equal('0051f00000nc59n');
    expect(canonicalId('0051f00000nc59n')).not.to.equal(canonicalId('0051F00000nc59NQAQ'));
  });

  it('rejects text that is not id-shaped', () => {
    for (const text of ['abc', '0051F00000nc59NQ', '0051F00000nc59N-AQ', '']) expect(canonicalId(text)).to.equal(undefined);
  });
});
