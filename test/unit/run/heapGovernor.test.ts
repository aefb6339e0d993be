import { expect } from 'chai';
import { fullCollection, startHeapGovernor } from '../../../src/lib/run/heapGovernor.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('heap governor', () => {
  it('collects whenever the heap has grown past the budget since the last collection, and only then', async () => {
    let used = 100;
    const collections: number[] = [];
    const stop = startHeapGovernor({ growthBytes: 50, quietBytes: 0, everyMs: 5, heapUsed: () => used, collect: () => collections.push(used) && (used = 120) });
    try {
      used = 140; // 40 past the floor: below the budget
      await sleep(30);
      expect(collections).to.deep.equal([]);
      used = 160; // past it: collected, the new floor is what the collection left (120)
      await sleep(30);
      expect(collections).to.deep.equal([160]);
      used = 165; // 45 past the new floor
      await sleep(30);
      expect(collections).to.deep.equal([160]);
      used = 175;
      await sleep(30);
      expect(collections).to.deep.equal([160, 175]);
    } finally {
      stop();
    }
  });

  it('leaves a heap below the quiet size to V8, however much it grew', async () => {
    let used = 10;
    const collections: number[] = [];
    const stop = startHeapGovernor({
      growthBytes: 60,
      quietBytes: 200,
      everyMs: 5,
      heapUsed: () => used,
      collect: () => collections.push(used) && (used = 150),
    });
    try {
      used = 190; // 180 past the floor, but a small heap
      await sleep(30);
      expect(collections).to.deep.equal([]);
      used = 210; // past the quiet size and the budget: collected, floor 150
      await sleep(30);
      expect(collections).to.deep.equal([210]);
      used = 205; // above the quiet size, within the budget of the new floor
      await sleep(30);
      expect(collections).to.deep.equal([210]);
    } finally {
      stop();
    }
  });

  it('governs a run that is no longer small, below the quiet size too', async () => {
    let used = 10;
    let small = true;
    const collections: number[] = [];
    const stop = startHeapGovernor({
      growthBytes: 20,
      quietBytes: 200,
      everyMs: 5,
      small: () => small,
      heapUsed: () => used,
      collect: () => collections.push(used) && (used = 40),
    });
    try {
      used = 60; // past the budget, below the quiet size: a small run is left alone
      await sleep(30);
      expect(collections).to.deep.equal([]);
      small = false;
      await sleep(30);
      expect(collections).to.deep.equal([60]);
    } finally {
      stop();
    }
  });

  it("gets V8's full collection on this runtime", () => {
    const collect = fullCollection();
    expect(collect).to.be.a('function');
    collect!();
  });
});
