/** The benchmark's results as written to bench-results/bench-<timestamp>.json (and rendered by report.ts). */
import type { DeltaFigures } from './delta/deltaFigures.js';
import type { CostModel, ToolName } from './options.js';
import type { OrgCalls } from './orgs.js';
import type { Mismatch } from './verify.js';

export type ToolResult = {
  tool: ToolName;
  /** Size of the source dataset (all records, the users it only matches included). */
  records: number;
  /** Set when the tool did not run at this size, with the reason. */
  skipped?: string;
  exitCode?: number;
  timedOut?: boolean;
  wallMs?: number;
  peakRssBytes?: number;
  /** Records moved (the template's objects in the source) per second of wall time. */
  recordsPerSecond?: number;
  calls?: { source: OrgCalls; target: OrgCalls; total: number };
  /** What the tool said of its run. */
  summary?: string;
  mismatches?: Mismatch[];
  /** Where its stdout, stderr (and journal or export.json) are. */
  logPrefix?: string;
  /** `isync-delta`: the full, nothing-changed and delta runs (the delta is the measured run above). */
  deltaSync?: DeltaFigures;
  /** Milliseconds from the process's spawn: its first request (either org), the target's first write and last answered write, its exit. */
  phases?: RunPhases;
};

export type RunPhases = { firstRequestMs: number | null; firstWriteMs: number | null; lastWriteMs: number | null; exitMs: number };

export type SizeResult = {
  records: number;
  /** Records the template covers in the source: what each tool must create in the target. */
  recordsToMove: number;
  expectedByObject: Record<string, number>;
  /** The fewest calls that can move this data (theory.ts). */
  minimumCalls: number;
  tools: ToolResult[];
};

export type Machine = {
  nproc: number;
  node: string;
  platform: string;
  cpu: string;
  memoryGb: number;
  /** 1-minute load average at the start and at the end: other work on the machine skews wall times. */
  loadAverage: { start: number; end: number };
};

export type BenchResults = {
  startedAt: string;
  machine: Machine;
  model: CostModel;
  /** Records/s the model allows at most (theory.ts); null when unbounded. */
  ceilingRecordsPerSecond: number | null;
  template: { path: string; bulkThreshold: number };
  sizes: SizeResult[];
  /** The 1,000,000-record isync run (Bulk path), for its peak RSS. */
  million?: SizeResult;
};
