import { expect } from 'chai';
import { beyondFixedStart, deltaRatios, fixedStartOf, inexactCounts, notReadAsDelta, type PhaseFigures } from './deltaFigures.js';
import { renderDeltaMarkdown } from './deltaReport.js';

const calls = (source: number, target: number): PhaseFigures['calls'] => ({
  source: { total: source, byKind: { query: source } },
  target: { total: target, byKind: { query: target } },
  total: source + target,
});

function phase(wallMs: number, fixedStartMs: number | null, total: [number, number], totals: Record<string, number> = {}): PhaseFigures {
  return {
    exitCode: 0,
    wallMs,
    fixedStartMs,
    calls: calls(...total),
    totals,
    objects: [{ object: 'Account', since: '2026-01-01T00:00:00Z', reason: 'delta' }],
  };
}

describe('bench: the isync-delta figures', () => {
  it('takes the fixed start from the spawn to the earliest first request of either org', () => {
    expect(fixedStartOf(1000, [1800, 1700])).to.equal(700);
    expect(fixedStartOf(1000, [null, 2500])).to.equal(1500);
    expect(fixedStartOf(1000, [null, undefined])).to.equal(null);
  });

  it('compares the delta with the full run: calls, and time beyond each run’s fixed start', () => {
    const full = phase(21_000, 1000, [600, 400]);
    const delta = phase(3000, 1000, [40, 60]);
    expect(beyondFixedStart(delta)).to.equal(2000);
    expect(deltaRatios({ full, delta })).to.deep.equal({ calls: 0.1, timeBeyondFixedStart: 0.1 });
    expect(beyondFixedStart(phase(500, null, [0, 0]))).to.equal(500);
  });

  it('says where the delta wrote more or less than the edits', () => {
    const edits = { changed: { Account: 3, Task: 2 }, deleted: { Task: 1 } };
    expect(inexactCounts({ edits, delta: phase(1, 1, [1, 1], { inserted: 0, updated: 5, deleted: 1, failed: 0 }) })).to.deep.equal([]);
    expect(inexactCounts({ edits, delta: phase(1, 1, [1, 1], { inserted: 2, updated: 6, deleted: 1 }) })).to.deep.equal([
      { total: 'updated', expected: 5, actual: 6 },
      { total: 'inserted', expected: 0, actual: 2 },
    ]);
  });

  it('lists the objects not read as a delta, and renders a table row per run', () => {
    const full = { ...phase(10_000, 1000, [50, 50], { inserted: 100 }), objects: [{ object: 'Account', since: null, reason: 'noEarlierSync' }] };
    expect(notReadAsDelta(full)).to.deep.equal([{ object: 'Account', since: null, reason: 'noEarlierSync' }]);
    const unchanged = phase(2000, 1000, [8, 2]);
    const delta = phase(2000, 1000, [9, 3], { updated: 1, deleted: 0 });
    const figures = { full, unchanged, delta, edits: { changed: { Account: 1 }, deleted: {} }, differencesBefore: { onlyInSource: 1, onlyInTarget: 1 } };
    const lines = renderDeltaMarkdown([{ records: 1000, figures, verdict: '✓' }]);
    expect(lines.join('\n')).to.contain('| 1,000 | full (first delta) | 10.0 | 1.0 | 9.0 | 100 (50 + 50) | 100 | 100 / 0 / 0 | all noEarlierSync |');
    expect(lines.join('\n')).to.contain('| 1,000 | 12.0% | 11.1% | 1 / 0 | 1 / 0 | 1 / 1 | ✓ |');
    expect(lines.join('\n')).to.contain('- 1,000: 10 calls — source: query 8; target: query 2');
    expect(renderDeltaMarkdown([])).to.deep.equal([]);
  });
});
