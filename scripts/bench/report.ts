/** The benchmark's results as markdown: one row per size and tool, the isync/SFDMU ratios, calls by kind. */
import { renderDeltaMarkdown, type DeltaSize } from './delta/deltaReport.js';
import type { BenchResults, SizeResult, ToolResult } from './results.js';

/** isync's peak RSS at 1,000,000 records must stay under this (the issue's target). */
export const MILLION_RSS_LIMIT_MB = 500;

const megabytes = (bytes: number | undefined): number | undefined => (bytes === undefined ? undefined : bytes / 1024 / 1024);

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}×`;
}

/** ✓ when the tool exited 0 and the target matched the source; otherwise what went wrong, in short. */
export function verdict(result: ToolResult): string {
  if (result.skipped) return `skipped: ${result.skipped}`;
  const problems: string[] = [];
  if (result.timedOut) problems.push('timed out');
  else if (result.exitCode !== 0) problems.push(`exit ${result.exitCode}`);
  const mismatches = result.mismatches ?? [];
  if (mismatches.length) {
    const shown = mismatches.slice(0, 3).map((m) => `${m.object} ${m.what} ${m.target}/${m.source}`);
    problems.push(`MISMATCH ${shown.join(', ')}${mismatches.length > 3 ? ` (+${mismatches.length - 3})` : ''}`);
  }
  return problems.length ? problems.join('; ') : '✓';
}

/** `collectionCreate 50, query 21`: the kinds of one org's calls, most frequent first. */
export function callsByKind(byKind: Record<string, number>): string {
  return Object.entries(byKind)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
}

function toolRow(size: SizeResult, result: ToolResult): string {
  if (result.skipped) return `| ${fixed(size.records, 0)} | ${result.tool} | — | — | — | — | ${verdict(result)} |`;
  const calls = result.calls ? `${fixed(result.calls.total, 0)} (${fixed(result.calls.source.total, 0)} + ${fixed(result.calls.target.total, 0)})` : '—';
  return `| ${fixed(size.records, 0)} | ${result.tool} | ${fixed((result.wallMs ?? 0) / 1000, 1)} | ${fixed(result.recordsPerSecond, 0)} | ${calls} | ${fixed(megabytes(result.peakRssBytes), 0)} | ${verdict(result)} |`;
}

function ran(size: SizeResult, tool: string): ToolResult | undefined {
  return size.tools.find((result) => result.tool === tool && !result.skipped);
}

function ratioRow(size: SizeResult, ceiling: number | null): string {
  const isync = ran(size, 'isync');
  const sfdmu = ran(size, 'sfdmu');
  const vsMinimum = isync?.calls ? ratio(isync.calls.total, size.minimumCalls) : '—';
  const vsCeiling = isync?.recordsPerSecond !== undefined && ceiling ? `${((isync.recordsPerSecond / ceiling) * 100).toFixed(0)}%` : '—';
  return (
    `| ${fixed(size.records, 0)} | ${ratio(isync?.wallMs, sfdmu?.wallMs)} | ${ratio(isync?.calls?.total, sfdmu?.calls?.total)} | ` +
    `${ratio(isync?.peakRssBytes, sfdmu?.peakRssBytes)} | ${fixed(isync?.calls?.total, 0)} / ${fixed(size.minimumCalls, 0)} (${vsMinimum}) | ${vsCeiling} |`
  );
}

function kindRows(size: SizeResult): string[] {
  return size.tools
    .filter((result) => result.calls)
    .map(
      (result) =>
        `| ${fixed(size.records, 0)} | ${result.tool} | ${callsByKind(result.calls?.source.byKind ?? {})} | ${callsByKind(result.calls?.target.byKind ?? {})} |`
    );
}

function millionLines(million: SizeResult): string[] {
  const isync = million.tools[0];
  if (!isync || isync.skipped) return [];
  const rss = megabytes(isync.peakRssBytes) ?? 0;
  const within = rss < MILLION_RSS_LIMIT_MB ? `under the ${MILLION_RSS_LIMIT_MB} MB target` : `OVER the ${MILLION_RSS_LIMIT_MB} MB target`;
  return [
    '',
    `1,000,000 records (isync): peak RSS ${fixed(rss, 0)} MB (${within}), ${fixed((isync.wallMs ?? 0) / 1000, 0)} s, ` +
      `${fixed(isync.recordsPerSecond, 0)} records/s, ${fixed(isync.calls?.total, 0)} calls; ${verdict(isync)}`,
  ];
}

function deltaSizes(sizes: readonly SizeResult[]): DeltaSize[] {
  return sizes.flatMap((size) =>
    size.tools.flatMap((result) => (result.deltaSync ? [{ records: size.records, figures: result.deltaSync, verdict: verdict(result) }] : []))
  );
}

export function renderMarkdown(results: BenchResults): string {
  const { model, machine } = results;
  const ceiling = results.ceilingRecordsPerSecond;
  const sizes = results.million ? [...results.sizes, results.million] : results.sizes;
  return [
    `Cost model: ${model.latencyMs} ms a request, ${model.perRecordMs} ms a record written, at most ${model.maxConcurrent} requests in flight ` +
      `(ceiling ${ceiling === null ? 'unbounded' : `${fixed(ceiling, 0)} records/s`}); bulk threshold ${results.template.bulkThreshold}.`,
    `Machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}; ` +
      `load average ${machine.loadAverage.start.toFixed(1)} at the start, ${machine.loadAverage.end.toFixed(1)} at the end; ${results.startedAt}.`,
    '',
    '| Records | Tool | Wall (s) | Records/s | API calls (source + target) | Peak RSS (MB) | Target verified |',
    '|---:|---|---:|---:|---:|---:|---|',
    ...sizes.flatMap((size) => size.tools.map((result) => toolRow(size, result))),
    '',
    '| Records | Wall isync/SFDMU | Calls isync/SFDMU | RSS isync/SFDMU | isync calls / minimum | isync records/s vs ceiling |',
    '|---:|---:|---:|---:|---:|---:|',
    ...results.sizes.map((size) => ratioRow(size, ceiling)),
    '',
    '| Records | Tool | Source calls by kind | Target calls by kind |',
    '|---:|---|---|---|',
    ...sizes.flatMap(kindRows),
    ...(results.million ? millionLines(results.million) : []),
    ...renderDeltaMarkdown(deltaSizes(results.sizes)),
    '',
  ].join('\n');
}
