/**
 * The figures of the `isync-delta` bench: three runs of `sf isync execute --sync-type delta --include-deleted`
 * on one pair of orgs (the first reads in full, then one with nothing changed, then one after the edits), and
 * what the acceptance compares: the delta's calls and its time beyond the fixed start against the full
 * run's. Pure: the tool (tools/isyncDelta.ts) measures.
 */
import type { OrgCalls } from '../orgs.js';
import type { SourceEdits } from './sourceEdits.js';

/** How one object was read, as `sync.objects` of the `--json` result says. */
export type ObjectRead = { object: string; since: string | null; reason: string };

/** One measured run. */
export type PhaseFigures = {
  exitCode: number;
  wallMs: number;
  /**
   * The process's fixed start: from its spawn to the first API request reaching either org (Node, the CLI's
   * modules, the auth files). Null when it made no request.
   */
  fixedStartMs: number | null;
  calls: { source: OrgCalls; target: OrgCalls; total: number };
  /** `totals` of the `--json` result (inserted, updated, unchanged, skipped, failed, deleted). */
  totals: Record<string, number>;
  objects: ObjectRead[];
};

export type DeltaFigures = {
  full: PhaseFigures;
  unchanged: PhaseFigures;
  delta: PhaseFigures;
  edits: SourceEdits;
  /** The record-by-record comparison before the delta ran: what it had to bring over (see verifyRecords.ts). */
  differencesBefore: { onlyInSource: number; onlyInTarget: number };
};

export type DeltaRatios = { calls: number; timeBeyondFixedStart: number | null };

/** A run's wall time less its fixed start (the whole wall time when it made no request). */
export function beyondFixedStart(phase: PhaseFigures): number {
  return phase.wallMs - (phase.fixedStartMs ?? 0);
}

/** The acceptance's ratios: delta calls / full calls, delta time beyond its fixed start / the full run's. */
export function deltaRatios(figures: Pick<DeltaFigures, 'full' | 'delta'>): DeltaRatios {
  const fullBeyond = beyondFixedStart(figures.full);
  return {
    calls: figures.delta.calls.total / figures.full.calls.total,
    timeBeyondFixedStart: fullBeyond > 0 ? beyondFixedStart(figures.delta) / fullBeyond : null,
  };
}

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * What is wrong with the delta's counts, if anything: it must update exactly the changed records, delete
 * exactly the deleted ones, and insert and fail none.
 */
export function inexactCounts(figures: Pick<DeltaFigures, 'delta' | 'edits'>): Array<{ total: string; expected: number; actual: number }> {
  const totals = figures.delta.totals;
  const expected: Record<string, number> = { updated: sum(figures.edits.changed), deleted: sum(figures.edits.deleted), inserted: 0, failed: 0 };
  return Object.entries(expected)
    .filter(([total, value]) => (totals[total] ?? 0) !== value)
    .map(([total, value]) => ({ total, expected: value, actual: totals[total] ?? 0 }));
}

/** The objects a run read otherwise than as a delta, with why (`noEarlierSync`, `definitionChanged`...). */
export function notReadAsDelta(phase: PhaseFigures): ObjectRead[] {
  return phase.objects.filter((entry) => entry.reason !== 'delta');
}

/** The fixed start of a run: spawn (epoch ms) to the earliest first request of the two orgs. */
export function fixedStartOf(spawnedAt: number, firstRequests: ReadonlyArray<number | null | undefined>): number | null {
  const first = firstRequests.filter((at): at is number => typeof at === 'number');
  return first.length ? Math.min(...first) - spawnedAt : null;
}
