import { expect } from 'chai';
import { allocate, changedValue, pick, seededRandom, shareOf } from './changePlan.js';

describe('bench: the isync-delta edits of the source', () => {
  it('takes 1% and 0.1% of the records, at least one', () => {
    expect(shareOf(100_000, 0.01)).to.equal(1000);
    expect(shareOf(10_000, 0.001)).to.equal(10);
    expect(shareOf(100, 0.001)).to.equal(1);
    expect(shareOf(100, 0)).to.equal(0);
  });

  it('gives every object with candidates one record, the rest in proportion, never more than it has', () => {
    const counts = allocate(20, { Account: 100, Task: 300, Product2: 2, Empty: 0 });
    expect(counts).to.deep.equal({ Account: 5, Task: 14, Product2: 1 });
    expect(allocate(3, { A: 1, B: 1, C: 5 })).to.deep.equal({ A: 1, B: 1, C: 1 });
    expect(allocate(6, { A: 1, B: 1, C: 5 })).to.deep.equal({ A: 1, B: 1, C: 4 });
    expect(allocate(2, { A: 10, B: 10, C: 10 })).to.deep.equal({ A: 1, B: 1, C: 0 });
    expect(() => allocate(8, { A: 1, B: 1, C: 5 })).to.throw('cannot pick 8 records from 7 candidates');
  });

  it('allocates exactly the total whatever the shares', () => {
    const available = { A: 7, B: 13, C: 1, D: 29, E: 3 };
    for (let total = 0; total <= 53; total += 1) {
      const counts = allocate(total, available);
      expect(
        Object.values(counts).reduce((a, b) => a + b, 0),
        `total ${total}`
      ).to.equal(total);
      for (const [object, count] of Object.entries(counts)) expect(count).to.be.at.most(available[object as keyof typeof available]);
    }
  });

  it('picks the same records for the same seed, each once', () => {
    const items = Array.from({ length: 50 }, (_, n) => n);
    const first = pick(items, 10, seededRandom(7));
    expect(pick(items, 10, seededRandom(7))).to.deep.equal(first);
    expect(new Set(first).size).to.equal(10);
    expect(pick(items, 10, seededRandom(8))).to.not.deep.equal(first);
    expect(pick([1, 2], 5, seededRandom(1)).sort()).to.deep.equal([1, 2]);
    expect(items).to.deep.equal(Array.from({ length: 50 }, (_, n) => n));
  });

  it('changes a value of every kind to a different one', () => {
    expect(changedValue({ type: 'string' }, 'Austin', 3)).to.equal('Changed 3');
    expect(changedValue({ type: 'currency' }, 10.5, 1)).to.equal(11.5);
    expect(changedValue({ type: 'double' }, null, 1)).to.equal(1);
    expect(changedValue({ type: 'date' }, '2024-03-15', 1)).to.equal('2025-03-16');
    expect(changedValue({ type: 'date' }, null, 1)).to.equal('2026-01-02');
    expect(changedValue({ type: 'boolean' }, true, 1)).to.equal(false);
    expect(changedValue({ type: 'picklist', picklistValues: ['High', 'Medium', 'Low'] }, 'Medium', 1)).to.equal('Low');
    expect(changedValue({ type: 'picklist', picklistValues: ['High', 'Medium', 'Low'] }, 'Low', 1)).to.equal('High');
    expect(changedValue({ type: 'picklist', picklistValues: ['High', 'Medium'] }, 'Other', 1)).to.equal('High');
    expect(changedValue({ type: 'reference', referenceIds: ['a1', 'a2'] }, 'a1', 1)).to.equal('a2');
    expect(() => changedValue({ type: 'reference', referenceIds: ['a1'] }, 'a1', 1)).to.throw('no other records to point to');
    expect(() => changedValue({ type: 'base64' }, 'x', 1)).to.throw('no rule to change a base64 field');
  });
});
