import { expect } from 'chai';
import { callsByKind, renderMarkdown, verdict } from './report.js';
import type { BenchResults, SizeResult, ToolResult } from './results.js';

const MB = 1024 * 1024;

function tool(name: 'isync' | 'sfdmu', wallMs: number, calls: number, rssMb: number, extra: Partial<ToolResult> = {}): ToolResult {
  return {
    tool: name,
    records: 10_000,
    exitCode: 0,
    timedOut: false,
    wallMs,
    peakRssBytes: rssMb * MB,
    recordsPerSecond: Math.round(9997 / (wallMs / 1000)),
    calls: {
      source: { total: calls / 2, byKind: { query: calls / 2 } },
      target: { total: calls / 2, byKind: { collectionCreate: calls / 2 - 1, query: 1 } },
      total: calls,
    },
    summary: 'ok',
    mismatches: [],
    ...extra,
  };
}

const size: SizeResult = {
  records: 10_000,
  recordsToMove: 9997,
  expectedByObject: { Account: 9997 },
  minimumCalls: 100,
  tools: [tool('isync', 5000, 200, 200), tool('sfdmu', 20_000, 400, 160)],
};

const results: BenchResults = {
  startedAt: '2026-11-27T09:00:00.000Z',
  machine: { nproc: 2, node: 'v22.23.3', platform: 'linux-x64', cpu: 'Xeon', memoryGb: 24, loadAverage: { start: 0.42, end: 1.5 } },
  model: { latencyMs: 50, perRecordMs: 1, maxConcurrent: 25 },
  ceilingRecordsPerSecond: 25_000,
  template: { path: 'bench-template.json', bulkThreshold: 10_000 },
  sizes: [size],
};

describe('bench: the markdown report', () => {
  it('states the cost model with its ceiling, and the machine', () => {
    const markdown = renderMarkdown(results);
    expect(markdown).to.contain('50 ms a request, 1 ms a record written, at most 25 requests in flight (ceiling 25,000 records/s); bulk threshold 10000.');
    expect(markdown).to.contain('Machine: 2 cores (Xeon), 24 GB, Node v22.23.3, linux-x64; load average 0.4 at the start, 1.5 at the end;');
  });

  it('has a row per size and tool: wall time, records/s, calls per org, peak RSS, verification', () => {
    const markdown = renderMarkdown(results);
    expect(markdown).to.contain('| 10,000 | isync | 5.0 | 1,999 | 200 (100 + 100) | 200 | ✓ |');
    expect(markdown).to.contain('| 10,000 | sfdmu | 20.0 | 500 | 400 (200 + 200) | 160 | ✓ |');
  });

  it('gives the isync/SFDMU ratios, isync’s calls against the minimum and its throughput against the ceiling', () => {
    expect(renderMarkdown(results)).to.contain('| 10,000 | 0.25× | 0.50× | 1.25× | 200 / 100 (2.00×) | 8% |');
  });

  it('lists the calls by kind of each org, most frequent first', () => {
    expect(callsByKind({ query: 3, collectionCreate: 50, describe: 20 })).to.equal('collectionCreate 50, describe 20, query 3');
    expect(renderMarkdown(results)).to.contain('| 10,000 | isync | query 100 | collectionCreate 99, query 1 |');
  });

  it('reports a failed or incomplete run instead of a tick, and a skipped tool with its reason', () => {
    const mismatches = [1, 2, 3, 4].map((n) => ({ object: `O${n}`, what: 'records', source: 10, target: n }));
    expect(verdict(tool('sfdmu', 1, 2, 3, { mismatches }))).to.equal('MISMATCH O1 records 1/10, O2 records 2/10, O3 records 3/10 (+1)');
    expect(verdict(tool('isync', 1, 2, 3, { exitCode: 1 }))).to.equal('exit 1');
    expect(verdict(tool('isync', 1, 2, 3, { timedOut: true, exitCode: 143 }))).to.equal('timed out');
    expect(verdict({ tool: 'sfdmu', records: 100_000, skipped: 'too slow' })).to.equal('skipped: too slow');
  });

  it('reports the million-record run’s peak RSS against the 500 MB target', () => {
    const million = (rssMb: number): SizeResult => ({ ...size, records: 1_000_000, tools: [tool('isync', 400_000, 9000, rssMb, { records: 1_000_000 })] });
    expect(renderMarkdown({ ...results, million: million(420) })).to.contain('1,000,000 records (isync): peak RSS 420 MB (under the 500 MB target)');
    expect(renderMarkdown({ ...results, million: million(650) })).to.contain('peak RSS 650 MB (OVER the 500 MB target)');
  });
});
