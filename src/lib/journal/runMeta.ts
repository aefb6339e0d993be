import type { RunState } from './runState.js';

/** An org as a run records it: enough to recognise it later, never a credential. */
export type OrgRef = {
  orgId: string;
  username: string;
  instanceUrl: string;
};

export type ObjectCounts = {
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
};

/** How many source records found their target counterpart each way (objects with a key or history). */
export type MatchedCounts = {
  /** Through the id map of earlier runs between the same two orgs. */
  history: number;
  /** By the object's match key. */
  key: number;
};

export type ObjectSummary = ObjectCounts & {
  object: string;
  status: 'pending' | 'scanning' | 'syncing' | 'done' | 'failed' | 'skipped';
  elapsedMs: number;
  /** How the object is matched: `key Name`, `history`, `history, then key Name`, `insert-only` (absent in older runs). */
  match?: string;
  /** This attempt's matches, by way (absent in runs written before history matching). */
  matched?: MatchedCounts;
};

/** `run.json`: the run's header, rewritten atomically on every state change and at the end of each object. */
export type RunMeta = {
  runId: string;
  command: 'execute' | 'scan';
  state: RunState;
  /** Human text for the last state change (e.g. why the run failed or paused). */
  stateReason?: string;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  source: OrgRef;
  target: OrgRef;
  /** Path of the template file, if one was used, and the normalised template itself (so retry re-runs it). */
  templatePath?: string;
  template: unknown;
  /** The migration plan the run followed (retry follows it again). */
  plan?: unknown;
  dryRun: boolean;
  objects: ObjectSummary[];
  /** How many times the run was retried / resumed, and rollback attempts. */
  attempts: number;
  /** The process writing the run now (or last): a resume refuses to take over a live one. */
  pid?: number;
  host?: string;
};

export function emptyCounts(): ObjectCounts {
  return { inserted: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
}

/** The counts of several objects added up. */
export function sumCounts(objects: readonly ObjectCounts[]): ObjectCounts {
  const totals = emptyCounts();
  for (const entry of objects) for (const key of Object.keys(totals) as Array<keyof ObjectCounts>) totals[key] += entry[key];
  return totals;
}
