import { expect } from 'chai';
import { breakCycles, combinations, dependencies, type ComponentLookup } from '../../../src/lib/graph/breakCycles.js';
import { priorityTopologicalOrder } from '../../../src/lib/graph/priorityTopologicalOrder.js';
import { stronglyConnectedComponents } from '../../../src/lib/graph/stronglyConnected.js';

const byIndex = (node: number): number => node;

describe('breakCycles', () => {
  // 0 -> 1 -> 2 -> 0 plus 0 -> 2: deferring 2 -> 0 alone breaks both cycles.
  const triangle: ComponentLookup[] = [
    { child: 0, parents: [1], deferrable: true },
    { child: 1, parents: [2], deferrable: true },
    { child: 2, parents: [0], deferrable: true },
    { child: 0, parents: [2], deferrable: true },
  ];

  it('finds a minimum set with the exact search', () => {
    const result = breakCycles(3, triangle, byIndex);
    expect(result).to.deep.equal({ ok: true, deferred: new Set([2]), method: 'exact' });
  });

  it('falls back to a valid greedy set when the search is over its limits', () => {
    const result = breakCycles(3, triangle, byIndex, { maxObjects: 16, maxCandidates: 24, budget: 1 });
    expect(result.ok && result.method).to.equal('greedy');
    if (!result.ok) return;
    expect(priorityTopologicalOrder(dependencies(3, triangle, result.deferred), byIndex)).to.not.equal(null);
    expect([...result.deferred].every((i) => triangle[i].deferrable)).to.equal(true);
  });

  it('names only the required lookups that form a cycle on their own', () => {
    const lookups: ComponentLookup[] = [
      { child: 0, parents: [1], deferrable: false },
      { child: 1, parents: [0], deferrable: false },
      { child: 2, parents: [0], deferrable: false },
      { child: 0, parents: [2], deferrable: true },
    ];
    expect(breakCycles(3, lookups, byIndex)).to.deep.equal({ ok: false, requiredCycle: [0, 1] });
  });
});

describe('combinations', () => {
  it('lists subsets of a given size in lexicographic order', () => {
    expect([...combinations(['a', 'b', 'c'], 2)]).to.deep.equal([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect([...combinations(['a'], 0)]).to.deep.equal([[]]);
    expect([...combinations(['a'], 2)]).to.deep.equal([]);
  });
});

describe('stronglyConnectedComponents', () => {
  it('finds cycles and singletons, emitting the components a node reaches (its parents) first', () => {
    // 0 -> 1 -> 2 -> 1, 3 alone
    expect(stronglyConnectedComponents([[1], [2], [1], []])).to.deep.equal([[1, 2], [0], [3]]);
  });

  it('handles a 100,000-object chain without recursion', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => (i + 1 < 100_000 ? [i + 1] : []));
    expect(stronglyConnectedComponents(chain)).to.have.length(100_000);
  });
});

describe('priorityTopologicalOrder', () => {
  it('puts dependencies first and breaks ties by priority', () => {
    expect(priorityTopologicalOrder([[2], [], []], byIndex)).to.deep.equal([1, 2, 0]);
    expect(priorityTopologicalOrder([[1], [0]], byIndex)).to.equal(null);
  });
});
