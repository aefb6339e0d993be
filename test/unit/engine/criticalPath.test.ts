import { expect } from 'chai';
import { chainLengths } from '../../../src/lib/run/criticalPath.js';

describe('chainLengths', () => {
  it('ranks each object by the longest chain of objects waiting for it', () => {
    const dependencies = new Map<string, Set<string>>([
      ['Account', new Set()],
      ['Lead', new Set()],
      ['Contact', new Set(['Account'])],
      ['Opportunity', new Set(['Account'])],
      ['Case', new Set(['Account', 'Contact'])],
      ['Task', new Set(['Case', 'Contact', 'Opportunity'])],
    ]);
    expect(Object.fromEntries(chainLengths(dependencies))).to.deep.equal({
      Account: 4, // Account -> Contact -> Case -> Task
      Lead: 1,
      Contact: 3,
      Opportunity: 2,
      Case: 2,
      Task: 1,
    });
  });

  it('terminates on a cycle that should not be there', () => {
    const lengths = chainLengths(
      new Map([
        ['A', new Set(['B'])],
        ['B', new Set(['A'])],
      ])
    );
    expect(lengths.get('A')).to.be.a('number');
    expect(lengths.get('B')).to.be.a('number');
  });
});
