import { expect } from 'chai';
import { IdMap } from '../../../src/lib/util/idMap.js';
import { PackedIdTable } from '../../../src/lib/util/packedIdTable.js';

/** A plausible 18-character id: key prefix, pod, then a base-62 counter (checksum characters are not checked). */
function sfId(prefix: string, counter: number, suffix = 'AAA'): string {
  return `${prefix}5g00000${counter.toString(36).padStart(5, '0')}${suffix}`;
}

describe('IdMap', () => {
  it('finds a target id by the source id in its 15- or 18-character form', () => {
    const map = new IdMap();
    map.set('001000000000001AAA', 'a0B000000000009QAA');
    expect(map.get('001000000000001')).to.equal('a0B000000000009QAA');
    expect(map.get('001000000000001AAA')).to.equal('a0B000000000009QAA');
    expect(map.has('001000000000001XYZ')).to.equal(true);
    expect(map.get('001000000000002AAA')).to.equal(undefined);
    expect(map.has('001000000000002')).to.equal(false);
  });

  it('answers has() from either store without spelling the value out, and agrees with get()', () => {
    const map = new IdMap();
    map.set('001000000000001AAA', 'a0B000000000009QAA');
    map.set('001000000000002AAA', 'DRYRUN-1');
    for (const id of ['001000000000001', '001000000000002AAA', '001000000000003', 'not-an-id', '00100000000000!']) {
      expect(map.has(id), id).to.equal(map.get(id) !== undefined);
    }
    expect(map.has('001000000000002')).to.equal(true);
    const table = new PackedIdTable();
    table.set('001000000000001', 'a0B000000000009QAA');
    expect([table.has('001000000000001'), table.has('001000000000002'), table.has('short')]).to.deep.equal([true, false, false]);
    // Every digit position and value spelled back: the largest and smallest base-62 digits included.
    table.set('001000000000004', 'zzzzzzzzzzzzzzzzzz');
    table.set('001000000000005', '000000000000000000');
    expect([table.get('001000000000004'), table.get('001000000000005')]).to.deep.equal(['zzzzzzzzzzzzzzzzzz', '000000000000000000']);
  });

  it('tells ids apart by case, as Salesforce does', () => {
    const map = new IdMap();
    map.set('001000000000abc', '003000000000zzzZZZ');
    map.set('001000000000ABC', '003000000000ZZZzzz');
    expect(map.get('001000000000abc')).to.equal('003000000000zzzZZZ');
    expect(map.get('001000000000ABC')).to.equal('003000000000ZZZzzz');
    expect(map.size).to.equal(2);
  });

  it('keeps 200,000 entries, all readable back exactly, across the table growing', () => {
    const map = new IdMap();
    for (let index = 0; index < 200_000; index++) map.set(sfId('001', index), sfId('001', index * 7 + 3, 'QAz'));
    expect(map.size).to.equal(200_000);
    for (let index = 0; index < 200_000; index += 997) expect(map.get(sfId('001', index))).to.equal(sfId('001', index * 7 + 3, 'QAz'));
    expect(map.get(sfId('001', 200_000))).to.equal(undefined);
  });

  it('keeps what it holds when room is reserved ahead, for more or for fewer entries than it then gets', () => {
    const map = new IdMap();
    map.set(sfId('001', 1), sfId('001', 2));
    map.reserve(50_000);
    for (let index = 10; index < 60_000; index++) map.set(sfId('001', index), sfId('001', index + 1, 'QAz'));
    map.reserve(10);
    expect(map.size).to.equal(60_000 - 10 + 1);
    expect(map.get(sfId('001', 1))).to.equal(sfId('001', 2));
    for (let index = 10; index < 60_000; index += 331) expect(map.get(sfId('001', index))).to.equal(sfId('001', index + 1, 'QAz'));
  });

  it('holds target ids of any other shape (a dry run’s placeholders) and lets the last set win', () => {
    const map = new IdMap();
    const source = '001000000000001AAA';
    map.set(source, '003000000000001AAA');
    map.set(source, 'WOULD_INSERT:Account:1');
    expect(map.get(source)).to.equal('WOULD_INSERT:Account:1');
    map.set(source, '003000000000002AAA');
    expect(map.get(source)).to.equal('003000000000002AAA');
    map.set('a1', 'b1');
    expect(map.get('a1')).to.equal('b1');
    expect(map.size).to.equal(2);
  });

  it('overwrites a packed entry in place', () => {
    const map = new IdMap();
    map.set('001000000000001', '003000000000001AAA');
    map.set('001000000000001', '003000000000009BBB');
    expect(map.get('001000000000001')).to.equal('003000000000009BBB');
    expect(map.size).to.equal(1);
  });
});

describe('PackedIdTable.fits', () => {
  it('takes 15-character keys and 18-character values of base-62 characters only', () => {
    expect(PackedIdTable.fits('001000000000001', '003000000000001AAA')).to.equal(true);
    expect(PackedIdTable.fits('001000000000001AAA', '003000000000001AAA')).to.equal(false);
    expect(PackedIdTable.fits('001000000000001', '003000000000001')).to.equal(false);
    expect(PackedIdTable.fits('001000000000-01', '003000000000001AAA')).to.equal(false);
  });
});
