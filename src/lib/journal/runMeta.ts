import type { SyncType } from '../template/syncTemplate.js';
import type { RunState } from './runState.js';
import type { RunAutomation } from '../automation/automationTypes.js';

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
  /** Target records deleted because their source record was deleted (`--include-deleted`; read as 0 from older runs). */
  deleted: number;
};

/** How an object's source was read: in full, or only what changed since its last sync (see delta/). */
export type ObjectDelta = {
  /** The `SystemModstamp` lower bound of the read (the last sync date less the safety margin); null: read in full. */
  since: string | null;
  /** The last sync date the lower bound came from, and the run that set it. */
  lastSyncAt?: string;
  lastRunId?: string;
  /** Hash of the object's source query without the bound: a later delta reads in full when it changed. */
  definition: string;
  /**
   * Set when this attempt read the object whole and it finished without a failure: the run's read start, which
   * the next delta reads from (the object's new last sync date).
   */
  syncedAsOf?: string;
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
  /** How the source was read (absent in runs written before sync types). */
  delta?: ObjectDelta;
};

/** The run's sync type, as `sf isync runs` shows it and the next delta looks it up (absent in older runs). */
export type RunSync = {
  type: SyncType;
  includeDeleted: boolean;
  /** The template's identity: its file's absolute path, or `--objects` and the object names. */
  templateKey: string;
  /** When the run started reading its sources, by this machine's clock: the last sync date it sets. */
  readStartedAt: string;
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
  sync?: RunSync;
  /** `--disable-automation`: the automation the run switched off in the target, until it is back on. */
  automation?: RunAutomation;
  /** The process writing the run now (or last): a resume refuses to take over a live one. */
  pid?: number;
  host?: string;
};

export function emptyCounts(): ObjectCounts {
  return { inserted: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, deleted: 0 };
}

/** The counts of several objects added up. */
export function sumCounts(objects: readonly ObjectCounts[]): ObjectCounts {
  const totals = emptyCounts();
  for (const entry of objects) for (const key of Object.keys(totals) as Array<keyof ObjectCounts>) totals[key] += entry[key];
  return totals;
}
