/** What the benchmark needs of a sync tool: set itself up against a pair of orgs, then run once, measured. */
import type { MeasuredRun } from '../measure/runMeasured.js';
import type { BenchOrgs } from '../orgs.js';
import type { BenchTemplate } from '../template.js';

/** Where a run writes its logs (`<logPrefix>.stdout`, `.stderr`, anything else the tool keeps). */
export type RunFiles = { logPrefix: string };

export type ToolOutcome = MeasuredRun & {
  /** What the tool itself said about the run (its own success or failure summary), one line. */
  summary: string;
};

export interface BenchTool {
  readonly name: string;
  /**
   * Everything that is not the sync: installs, logins, config files. Its API calls are not counted (the
   * caller resets the orgs' counters after it). Returns the run, ready to start.
   */
  prepare(orgs: BenchOrgs, template: BenchTemplate, files: RunFiles): Promise<() => Promise<ToolOutcome>>;
}
