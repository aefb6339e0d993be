/**
 * `npm run bench [-- --sizes 1000,10000 --tools isync,sfdmu --million --latency-ms 50 --per-record-ms 1
 * --max-concurrent 25]`: sf isync against SFDMU 3.7.19 on emulated orgs under a cost model (see
 * scripts/bench/ and README.md's "Benchmarks"). Writes bench-results/bench-<timestamp>.json and .md (logs of
 * each run beside them) and prints the markdown table.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/runPlugin.js';
import { BenchUsageError, parseBenchOptions } from './bench/options.js';
import { renderMarkdown } from './bench/report.js';
import type { BenchResults } from './bench/results.js';
import { runBench } from './bench/runBench.js';
import { readBenchTemplate } from './bench/template.js';
import { throughputCeiling } from './bench/theory.js';

let options;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
const template = readBenchTemplate();
const startedAt = new Date().toISOString();
const stamp = startedAt.replace(/[:.]/g, '-');
const outDir = join(REPO_ROOT, 'bench-results');
const ceiling = throughputCeiling(options.model);
const loadAtStart = loadavg()[0];

const { sizes, million } = await runBench(options, template, join(outDir, `bench-${stamp}-logs`));
const results: BenchResults = {
  startedAt,
  machine: {
    nproc: availableParallelism(),
    node: process.version,
    platform: `${platform()}-${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
  },
  model: options.model,
  ceilingRecordsPerSecond: Number.isFinite(ceiling) ? ceiling : null,
  template: { path: template.path, bulkThreshold: template.bulkThreshold },
  sizes,
  ...(million ? { million } : {}),
};
const markdown = renderMarkdown(results);
writeFileSync(join(outDir, `bench-${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(outDir, `bench-${stamp}.md`), markdown);
process.stdout.write(`${markdown}\nWritten: bench-results/bench-${stamp}.json, bench-results/bench-${stamp}.md\n`);
const failed = [...sizes, ...(million ? [million] : [])].some((size) =>
  size.tools.some((tool) => !tool.skipped && (tool.exitCode !== 0 || (tool.mismatches?.length ?? 0) > 0))
);
// A tool that failed or dropped records makes the figures meaningless: say so in the exit code too.
if (failed) process.exitCode = 1;
