/** What the benchmark needs of a sync tool: set itself up against a pair of orgs, then run once, measured. */
import type { DeltaFigures } from '../delta/deltaFigures.js';
import type { MeasuredRun } from '../measure/runMeasured.js';
import type { BenchOrgs } from '../orgs.js';
import type { BenchTemplate } from '../template.js';

/**
 * Where a run writes its logs (`<logPrefix>.stdout`, `.stderr`, anything else the tool keeps), and the size and
 * seed of the source's dataset (for a tool that edits it between runs).
 */
export type RunFiles = { logPrefix: string; records: number; seed: number };

export type ToolOutcome = MeasuredRun & {
  /** What the tool itself said about the run (its own success or failure summary), one line. */
  summary: string;
  /** `isync-delta`: its three runs and the edits between them. */
  deltaSync?: DeltaFigures;
};

export interface BenchTool {
  readonly name: string;
  /** Back-dates the source's seeded records this many days (a delta must not see them as new). */
  readonly sourceSeedAgeDays?: number;
  /** After the run, the target is also compared with the source record by record (delta/verifyRecords.ts). */
  readonly comparesRecords?: boolean;
  /**
   * Everything that is not the sync: installs, logins, config files. Its API calls are not counted (the
   * caller resets the orgs' counters after it). Returns the run, ready to start.
   */
  prepare(orgs: BenchOrgs, template: BenchTemplate, files: RunFiles): Promise<() => Promise<ToolOutcome>>;
}
