/** `--grid`'s results as markdown: one row per cell (issue 25's figures), then SFDMU where it ran beside isync. */
import { verdict } from './report.js';
import type { GridCell } from './grid.js';
import type { RunPhases, ToolResult } from './results.js';
import { cellCeiling } from './theory.js';

const seconds = (ms: number | null | undefined, digits = 1): string => (ms === null || ms === undefined ? '—' : (ms / 1000).toFixed(digits));
const percent = (share: number | undefined): string => (share === undefined || !Number.isFinite(share) ? '—' : `${Math.round(share * 100)}%`);

/** Records a second over the sync phase: from the run's first request to its last answered write. */
function syncPhaseRate(records: number, phases: RunPhases | undefined): number | undefined {
  if (!phases || phases.firstRequestMs === null || phases.lastWriteMs === null) return undefined;
  const ms = phases.lastWriteMs - phases.firstRequestMs;
  return ms > 0 ? (records / ms) * 1000 : undefined;
}

function row(cell: GridCell, result: ToolResult): string {
  const { model, size } = cell;
  const ceiling = cellCeiling(model);
  const phases = result.phases;
  const whole = result.recordsPerSecond;
  const sync = syncPhaseRate(size.recordsToMove, phases);
  const calls = result.calls?.total;
  const ratio = calls === undefined || size.minimumCalls === 0 ? '—' : `${(calls / size.minimumCalls).toFixed(2)}×`;
  const after = phases?.lastWriteMs === null || phases === undefined ? null : phases.exitMs - phases.lastWriteMs;
  return (
    `| ${model.latencyMs} | ${model.perRecordMs} | ${model.maxConcurrent} | ${size.records.toLocaleString('en-US')} | ${result.tool} | ` +
    `${seconds(result.wallMs)} | ${whole?.toLocaleString('en-US') ?? '—'} | ${Math.round(ceiling).toLocaleString('en-US')} | ` +
    `${percent(sync === undefined ? undefined : sync / ceiling)} | ${percent(whole === undefined ? undefined : whole / ceiling)} | ` +
    `${calls ?? '—'} / ${size.minimumCalls} (${ratio}) | ${seconds(phases?.firstWriteMs)} | ${seconds(after, 2)} | ${verdict(result)} |`
  );
}

export function renderGridMarkdown(cells: GridCell[]): string {
  const lines = [
    'Ceiling of a cell: min(in flight / per record, in flight x 1,000 / (latency + 1,000 x per record)) records/ms (a Composite call of five 200-record collections is the most one request carries). Sync phase: from the first request to the last answered write. Minimum calls: every object read in 2,000-row pages and written 200 records a call.',
    '',
    '| Latency (ms) | Per record (ms) | In flight | Records | Tool | Seconds | Records/s | Ceiling (records/s) | Sync phase / ceiling | Whole run / ceiling | Calls / minimum | Before first write (s) | After last write (s) | Verified |',
    '|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const cell of cells) for (const result of cell.size.tools) lines.push(row(cell, result));
  return `${lines.join('\n')}\n`;
}
