/** The `isync-delta` figures as markdown: its three runs per size, then the acceptance's ratios. */
import type { OrgCalls } from '../orgs.js';
import { beyondFixedStart, deltaRatios, notReadAsDelta, type DeltaFigures, type PhaseFigures } from './deltaFigures.js';

/** One size's figures, with the verdict of the bench's verification of the measured run. */
export type DeltaSize = { records: number; figures: DeltaFigures; verdict: string };

const seconds = (ms: number | null): string => (ms === null ? '—' : (ms / 1000).toFixed(1));
const whole = (value: number): string => value.toLocaleString('en-US');
const total = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

function kinds(calls: OrgCalls): string {
  return Object.entries(calls.byKind)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
}

/** `Account (noEarlierSync), ...`: the objects not read as a delta, with why; `all delta` when none. */
function readAs(phase: PhaseFigures): string {
  const others = notReadAsDelta(phase);
  if (others.length === 0) return 'all delta';
  const reasons = new Set(others.map((entry) => entry.reason));
  return others.length === phase.objects.length && reasons.size === 1 ? `all ${[...reasons][0]}` : others.map((e) => `${e.object} (${e.reason})`).join(', ');
}

function phaseRow(records: number, name: string, phase: PhaseFigures): string {
  const t = phase.totals;
  const read = (t.inserted ?? 0) + (t.updated ?? 0) + (t.unchanged ?? 0);
  return (
    `| ${whole(records)} | ${name} | ${seconds(phase.wallMs)} | ${seconds(phase.fixedStartMs)} | ${seconds(beyondFixedStart(phase))} | ` +
    `${whole(phase.calls.total)} (${whole(phase.calls.source.total)} + ${whole(phase.calls.target.total)}) | ${whole(read)} | ` +
    `${whole(t.inserted ?? 0)} / ${whole(t.updated ?? 0)} / ${whole(t.deleted ?? 0)} | ${readAs(phase)} |`
  );
}

function ratioRow({ records, figures, verdict }: DeltaSize): string {
  const ratios = deltaRatios(figures);
  const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
  const before = figures.differencesBefore;
  return (
    `| ${whole(records)} | ${percent(ratios.calls)} | ${percent(ratios.timeBeyondFixedStart)} | ${whole(total(figures.edits.changed))} / ` +
    `${whole(total(figures.edits.deleted))} | ${whole(figures.delta.totals.updated ?? 0)} / ${whole(figures.delta.totals.deleted ?? 0)} | ` +
    `${whole(before.onlyInSource)} / ${whole(before.onlyInTarget)} | ${verdict} |`
  );
}

function unchangedCallsLine({ records, figures }: DeltaSize): string {
  const calls = figures.unchanged.calls;
  return `- ${whole(records)}: ${whole(calls.total)} calls — source: ${kinds(calls.source)}; target: ${kinds(calls.target)}`;
}

export function renderDeltaMarkdown(sizes: readonly DeltaSize[]): string[] {
  if (sizes.length === 0) return [];
  return [
    '',
    'isync-delta: `execute --sync-type delta --include-deleted` three times on one pair of orgs (source data a day old): ' +
      'the first has no earlier sync and reads in full; then nothing changed; then after 1% of the source records changed and 0.1% deleted. ' +
      "Fixed start: from the process's spawn to its first API request reaching either org.",
    '',
    '| Records | Run | Wall (s) | Fixed start (s) | Beyond fixed start (s) | API calls (source + target) | Records read | Inserted / updated / deleted | Objects read as |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---|',
    ...sizes.flatMap(({ records, figures }) => [
      phaseRow(records, 'full (first delta)', figures.full),
      phaseRow(records, 'nothing changed', figures.unchanged),
      phaseRow(records, 'delta', figures.delta),
    ]),
    '',
    '| Records | Delta/full calls | Delta/full time beyond fixed start | Edits: changed / deleted | Delta: updated / deleted | Differences before the delta (source only / target only) | Target verified after |',
    '|---:|---:|---:|---:|---:|---:|---|',
    ...sizes.map(ratioRow),
    '',
    'Calls of the delta with nothing changed:',
    ...sizes.map(unchangedCallsLine),
  ];
}
