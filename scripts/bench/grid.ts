/**
 * `npm run bench -- --grid` (issue 25): isync under a grid of cost models, for an engine that must be fast on
 * every org, not on one model: latency 20 / 100 / 250 ms x 0.5 / 1 / 4 ms a record x 5 / 10 / 25 requests in
 * flight at 20,000 records, then three corners at 100,000 (SFDMU beside isync at two of them when `--tools`
 * names it). Each cell on fresh orgs with the same data, verified as any benchmark run.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions, CostModel, ToolName } from './options.js';
import type { SizeResult } from './results.js';
import { runSize } from './runBench.js';
import type { BenchTemplate } from './template.js';

export const GRID_RECORDS = 20_000;
export const CORNER_RECORDS = 100_000;

const LATENCIES_MS = [20, 100, 250];
const PER_RECORD_MS = [0.5, 1, 4];
const IN_FLIGHT = [5, 10, 25];

/** Every combination, the fast models first (a slow cell takes minutes). */
export const GRID_CELLS: CostModel[] = IN_FLIGHT.toReversed().flatMap((maxConcurrent) =>
  PER_RECORD_MS.flatMap((perRecordMs) => LATENCIES_MS.map((latencyMs) => ({ latencyMs, perRecordMs, maxConcurrent })))
);

/**
 * Three corners of the grid at 100,000 records: the fast org, an org far away whose records are cheap (latency
 * rules), and the slow org with few requests allowed (records and slots rule). SFDMU runs at the first two.
 */
export const CORNERS: Array<{ model: CostModel; withSfdmu: boolean }> = [
  { model: { latencyMs: 20, perRecordMs: 0.5, maxConcurrent: 25 }, withSfdmu: true },
  { model: { latencyMs: 250, perRecordMs: 0.5, maxConcurrent: 25 }, withSfdmu: true },
  { model: { latencyMs: 250, perRecordMs: 4, maxConcurrent: 5 }, withSfdmu: false },
];

export type GridCell = { model: CostModel; size: SizeResult };

const log = (line: string): void => {
  process.stderr.write(`[grid ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

export const modelText = (model: CostModel): string => `${model.latencyMs} ms, ${model.perRecordMs} ms a record, ${model.maxConcurrent} in flight`;

export async function runGrid(options: BenchOptions, template: BenchTemplate, logDir: string): Promise<GridCell[]> {
  const cells: GridCell[] = [];
  const run = async (model: CostModel, records: number, tools: ToolName[]): Promise<void> => {
    log(`${modelText(model)}, ${records} records: ${tools.join(', ')}`);
    const cellDir = join(logDir, `${model.latencyMs}-${model.perRecordMs}-${model.maxConcurrent}`);
    mkdirSync(cellDir, { recursive: true });
    const size = await runSize(records, tools, { ...options, model }, template, cellDir, new Map());
    cells.push({ model, size });
  };
  for (const model of GRID_CELLS) await run(model, GRID_RECORDS, ['isync']);
  const sfdmu = options.tools.includes('sfdmu');
  for (const corner of CORNERS) await run(corner.model, CORNER_RECORDS, corner.withSfdmu && sfdmu ? ['isync', 'sfdmu'] : ['isync']);
  return cells;
}
