import { expect } from 'chai';
import { CORNERS, GRID_CELLS } from './grid.js';
import { renderGridMarkdown } from './gridReport.js';
import type { SizeResult } from './results.js';

describe('bench: the grid of cost models', () => {
  it('covers every latency x per-record cost x requests in flight of the issue, and three corners at 100,000', () => {
    expect(GRID_CELLS).to.have.length(27);
    expect(new Set(GRID_CELLS.map((cell) => `${cell.latencyMs}/${cell.perRecordMs}/${cell.maxConcurrent}`)).size).to.equal(27);
    expect(CORNERS.filter((corner) => corner.withSfdmu)).to.have.length(2);
  });

  it('reports a cell against its ceiling, by the sync phase and by the whole run, with its calls and what came before and after the writes', () => {
    const size: SizeResult = {
      records: 20_000,
      recordsToMove: 18_000,
      expectedByObject: {},
      minimumCalls: 120,
      tools: [
        {
          tool: 'isync',
          records: 20_000,
          exitCode: 0,
          wallMs: 4000,
          recordsPerSecond: 4500,
          calls: { source: { total: 20, byKind: {} }, target: { total: 70, byKind: {} }, total: 90 },
          mismatches: [],
          phases: { firstRequestMs: 500, firstWriteMs: 800, lastWriteMs: 3500, exitMs: 4000 },
        },
      ],
    };
    const markdown = renderGridMarkdown([{ model: { latencyMs: 100, perRecordMs: 1, maxConcurrent: 10 }, size }]);
    // Ceiling: min(10 / 1, 10 x 1,000 / 1,100) = 9.09 records/ms; the sync phase moved 18,000 in 3.0 s: 6,000/s, 66%.
    expect(markdown).to.contain('| 100 | 1 | 10 | 20,000 | isync | 4.0 | 4,500 | 9,091 | 66% | 50% | 90 / 120 (0.75×) | 0.8 | 0.50 | ✓ |');
  });
});
