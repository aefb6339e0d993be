import { emptyCounts, type ObjectCounts } from '../journal/runMeta.js';
import type { RunState } from '../journal/runState.js';
import type { RunStore } from '../journal/runStore.js';
import { itemsLeftOff } from '../automation/automationTypes.js';

/** One line of `sf isync runs`: read from `run.json` alone, so listing many runs stays fast. */
export type RunHistoryEntry = {
  runId: string;
  command: 'execute' | 'scan' | 'unknown';
  /** `damaged`: the run's `run.json` cannot be read (listed, so one bad file does not hide the others). */
  state: RunState | 'damaged';
  dryRun: boolean;
  startedAt: string;
  finishedAt?: string;
  source: string;
  target: string;
  objects: number;
  totals: ObjectCounts;
  /** How the run read its sources: `full`, `delta`, with deletions or not (absent in older runs: full). */
  sync?: { type: 'full' | 'delta'; includeDeleted: boolean };
  /** `--disable-automation`: how many items the run switched off, and how many it left off (shown in red). */
  automation?: { switched: number; leftOff: number };
  /** Damaged runs only: what is wrong with `run.json` and how to get out (the RunMetaDamaged message). */
  damage?: string;
};

/** The runs of the journal folder, newest first. */
export function listRuns(store: RunStore): RunHistoryEntry[] {
  return store.list().map((runId) => {
    let meta;
    try {
      meta = store.open(runId).meta;
    } catch (error) {
      if (error instanceof Error && error.name === 'RunMetaDamagedError') return damagedEntry(runId, error.message);
      throw error;
    }
    const totals = emptyCounts();
    for (const entry of meta.objects) for (const key of Object.keys(totals) as Array<keyof ObjectCounts>) totals[key] += entry[key];
    return {
      runId,
      command: meta.command,
      state: meta.state,
      dryRun: meta.dryRun,
      startedAt: meta.startedAt,
      finishedAt: meta.finishedAt,
      source: meta.source.username,
      target: meta.target.username,
      objects: meta.objects.length,
      totals,
      ...(meta.sync ? { sync: { type: meta.sync.type, includeDeleted: meta.sync.includeDeleted } } : {}),
      ...(meta.automation ? { automation: { switched: meta.automation.items.length, leftOff: itemsLeftOff(meta.automation).length } } : {}),
    };
  });
}

function damagedEntry(runId: string, damage: string): RunHistoryEntry {
  return { runId, command: 'unknown', state: 'damaged', dryRun: false, startedAt: '', source: '', target: '', objects: 0, totals: emptyCounts(), damage };
}

/** The history as table rows for people: one line per run, totals spelled out. */
export function historyRows(entries: readonly RunHistoryEntry[]): Array<Record<string, string | number>> {
  return entries.map((entry) => ({
    runId: entry.runId,
    command: entry.dryRun ? `${entry.command} (dry run)` : entry.command,
    state: entry.state,
    sync: `${entry.sync?.type ?? 'full'}${entry.sync?.includeDeleted ? ' + deleted' : ''}`,
    started: entry.startedAt,
    target: entry.target,
    objects: entry.objects,
    inserted: entry.totals.inserted,
    updated: entry.totals.updated,
    unchanged: entry.totals.unchanged,
    skipped: entry.totals.skipped,
    failed: entry.totals.failed,
    deleted: entry.totals.deleted,
    automation: automationText(entry.automation),
  }));
}

/** `2 off, 2 back on`; a run that left some off in red, since the org runs without them until restored. */
function automationText(automation: RunHistoryEntry['automation']): string {
  if (!automation) return '';
  if (automation.leftOff === 0) return `${automation.switched} off, back on`;
  return red(`${automation.leftOff} LEFT OFF`);
}

function red(text: string): string {
  return process.stdout.isTTY && !process.env.NO_COLOR ? `\u001b[31m${text}\u001b[39m` : text;
}
