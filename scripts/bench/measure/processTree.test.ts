import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { descendants, parseStatParent, parseStatusMemory, PeakRssSampler } from './processTree.js';
import { runMeasured } from './runMeasured.js';

const MB = 1024 * 1024;

describe('bench: measuring a process tree', () => {
  it('reads VmRSS and VmHWM from /proc/<pid>/status in bytes', () => {
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n';
    expect(parseStatusMemory(status)).to.deep.equal({ rssBytes: 100 * MB, peakRssBytes: 200 * MB });
  });

  it('reads the parent pid from /proc/<pid>/stat, whatever the command name holds', () => {
    expect(parseStatParent('4242 (node) S 4200 4242 4200 0 -1')).to.equal(4200);
    expect(parseStatParent('4243 (my (odd) cmd) R 4242 4243 4200 0 -1')).to.equal(4242);
  });

  it('finds every descendant of a process, and no other', () => {
    const parents = new Map([
      [10, 1],
      [11, 10],
      [12, 11],
      [13, 10],
      [20, 1],
    ]);
    expect(descendants(10, parents).sort()).to.deep.equal([10, 11, 12, 13]);
  });

  it('keeps the larger of the tree summed at one moment and one process’s own peak', () => {
    const sampler = new PeakRssSampler();
    sampler.sample([
      { pid: 1, rssBytes: 100 * MB, peakRssBytes: 120 * MB },
      { pid: 2, rssBytes: 50 * MB, peakRssBytes: 60 * MB },
    ]);
    expect(sampler.peak).to.equal(150 * MB);
    sampler.sample([{ pid: 1, rssBytes: 80 * MB, peakRssBytes: 300 * MB }]);
    expect(sampler.peak).to.equal(300 * MB);
  });

  it('measures a real child: its exit code, its output, its wall time and the memory it held', async function () {
    this.timeout(20_000);
    const folder = mkdtempSync(join(tmpdir(), 'bench-measure-'));
    try {
      // Holds 150 MB of touched memory for 600 ms, then prints and exits 3.
      const script = "const b = Buffer.alloc(150 * 1024 * 1024, 1); setTimeout(() => { console.log('held', b.length); process.exit(3); }, 600);";
      const run = await runMeasured({
        command: process.execPath,
        args: ['-e', script],
        env: process.env,
        cwd: folder,
        stdoutFile: join(folder, 'out'),
        stderrFile: join(folder, 'err'),
        timeoutMs: 15_000,
      });
      expect(run.code).to.equal(3);
      expect(run.timedOut).to.equal(false);
      expect(run.wallMs).to.be.within(600, 15_000);
      expect(run.peakRssBytes).to.be.greaterThan(150 * MB);
      expect(readFileSync(join(folder, 'out'), 'utf8')).to.equal(`held ${150 * MB}\n`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('counts the memory of the child’s own children', async function () {
    this.timeout(20_000);
    const folder = mkdtempSync(join(tmpdir(), 'bench-measure-'));
    try {
      const grandchild = 'const b = Buffer.alloc(150 * 1024 * 1024, 1); setTimeout(() => console.log(b.length), 800);';
      const child = `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: 'inherit' }).on('exit', (code) => process.exit(code));`;
      const run = await runMeasured({
        command: process.execPath,
        args: ['-e', child],
        env: process.env,
        cwd: folder,
        stdoutFile: join(folder, 'out'),
        stderrFile: join(folder, 'err'),
        timeoutMs: 15_000,
      });
      expect(run.code).to.equal(0);
      expect(run.peakRssBytes).to.be.greaterThan(150 * MB);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('ends a run that passes its time allowance and says so', async function () {
    this.timeout(20_000);
    const folder = mkdtempSync(join(tmpdir(), 'bench-measure-'));
    try {
      const run = await runMeasured({
        command: process.execPath,
        args: ['-e', 'setTimeout(() => {}, 60_000)'],
        env: process.env,
        cwd: folder,
        stdoutFile: join(folder, 'out'),
        stderrFile: join(folder, 'err'),
        timeoutMs: 300,
      });
      expect(run.timedOut).to.equal(true);
      expect(run.code).to.not.equal(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
