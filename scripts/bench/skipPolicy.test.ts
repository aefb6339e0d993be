import { expect } from 'chai';
import type { ToolResult } from './results.js';
import { nextSizeSkip } from './skipPolicy.js';

const ran = (wallMs: number): ToolResult => ({ tool: 'sfdmu', records: 10_000, wallMs, exitCode: 0 });

describe('bench: skipping a tool at larger sizes', () => {
  it('runs the next size when the time scaled to it stays within the allowance', () => {
    // 60 s at 10,000 scales to 10 min at 100,000.
    expect(nextSizeSkip(ran(60_000), 100_000, 15)).to.equal(undefined);
  });

  it('skips it, with the figures, when the scaled time passes the allowance', () => {
    expect(nextSizeSkip(ran(120_000), 100_000, 15)).to.equal('2.0 min at 10000 records projects to 20 min at 100000, over the 15 min allowed per run');
  });

  it('skips it after a timeout, and keeps skipping once skipped', () => {
    expect(nextSizeSkip({ ...ran(1000), timedOut: true }, 100_000, 15)).to.equal('timed out at 10000 records');
    expect(nextSizeSkip({ tool: 'sfdmu', records: 100_000, skipped: 'earlier reason' }, 1_000_000, 15)).to.equal('earlier reason');
  });
});
