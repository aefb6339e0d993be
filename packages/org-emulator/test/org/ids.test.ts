import { expect } from 'chai';
import { IdAllocator, idChecksum, normalizeId } from '../../src/org/ids.js';

describe('emulator ids', () => {
  it('computes the case-safe checksum of real ids', () => {
    // Pairs from recorded responses: 15-char body -> 18-char id.
    expect('0015500001QdQWa' + idChecksum('0015500001QdQWa')).to.equal('0015500001QdQWaAAN');
    expect('00Di0000000bcK3' + idChecksum('00Di0000000bcK3')).to.equal('00Di0000000bcK3EAI');
    expect('005i0000008yJDW' + idChecksum('005i0000008yJDW')).to.equal('005i0000008yJDWAA2');
  });

  it('accepts 15-char ids and 18-char ids in any suffix case, rejects bad ones', () => {
    expect(normalizeId('0015500001QdQWa')).to.equal('0015500001QdQWaAAN');
    expect(normalizeId('0015500001QdQWaaan')).to.equal('0015500001QdQWaAAN');
    expect(normalizeId('0015500001QdQWaAAB')).to.equal(undefined);
    expect(normalizeId('001-not-an-id')).to.equal(undefined);
    expect(normalizeId('')).to.equal(undefined);
  });

  it('allocates distinct, valid ids with the key prefix and the org pod', () => {
    const ids = new IdAllocator('5g');
    const a = ids.next('001');
    const b = ids.next('001');
    expect(a).to.match(/^0015g0[0-9A-Za-z]{9}[A-Z0-5]{3}$/);
    expect(a).to.not.equal(b);
    expect(normalizeId(a)).to.equal(a);
  });
});
