/**
 * `npm run bench [-- --sizes 1000,10000 --tools isync,sfdmu --million --latency-ms 50 --per-record-ms 1
 * --max-concurrent 25]`: sf isync against SFDMU 3.7.19 on emulated orgs under a cost model (see
 * scripts/bench/ and README.md's "Benchmarks"). `--grid`: isync under a grid of cost models (bench/grid.ts).
 * Writes bench-results/bench-<timestamp>.json and .md (logs of each run beside them) and prints the markdown.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/runPlugin.js';
import { runGrid } from './bench/grid.js';
import { renderGridMarkdown } from './bench/gridReport.js';
import { BenchUsageError, parseBenchOptions } from './bench/options.js';
import { renderMarkdown } from './bench/report.js';
import type { BenchResults, Machine, SizeResult } from './bench/results.js';
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
const logDir = join(outDir, `bench-${stamp}-logs`);
const loadAtStart = loadavg()[0];

const machine = (): Machine => ({
  nproc: availableParallelism(),
  node: process.version,
  platform: `${platform()}-${process.arch}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 1024 ** 3),
  loadAverage: { start: loadAtStart, end: loadavg()[0] },
});

let markdown: string;
let json: unknown;
let measured: SizeResult[];
if (options.grid) {
  const cells = await runGrid(options, template, logDir);
  const host = machine();
  const machineLine = `Machine: ${host.nproc} cores (${host.cpu}), ${host.memoryGb} GB, Node ${host.node}, ${host.platform}; load average ${host.loadAverage.start.toFixed(1)} at the start, ${host.loadAverage.end.toFixed(1)} at the end; ${startedAt}.`;
  markdown = `${machineLine}\n\n${renderGridMarkdown(cells)}`;
  json = { startedAt, machine: host, template: { path: template.path, bulkThreshold: template.bulkThreshold }, grid: cells };
  measured = cells.map((cell) => cell.size);
} else {
  const ceiling = throughputCeiling(options.model);
  const { sizes, million } = await runBench(options, template, logDir);
  const results: BenchResults = {
    startedAt,
    machine: machine(),
    model: options.model,
    ceilingRecordsPerSecond: Number.isFinite(ceiling) ? ceiling : null,
    template: { path: template.path, bulkThreshold: template.bulkThreshold },
    sizes,
    ...(million ? { million } : {}),
  };
  markdown = renderMarkdown(results);
  json = results;
  measured = [...sizes, ...(million ? [million] : [])];
}
writeFileSync(join(outDir, `bench-${stamp}.json`), `${JSON.stringify(json, null, 2)}\n`);
writeFileSync(join(outDir, `bench-${stamp}.md`), markdown);
process.stdout.write(`${markdown}\nWritten: bench-results/bench-${stamp}.json, bench-results/bench-${stamp}.md\n`);
const failed = measured.some((size) => size.tools.some((tool) => !tool.skipped && (tool.exitCode !== 0 || (tool.mismatches?.length ?? 0) > 0)));
// A tool that failed or dropped records makes the figures meaningless: say so in the exit code too.
if (failed) process.exitCode = 1;
