import type { RunMeta } from '../journal/runMeta.js';
import type { RunStore } from '../journal/runStore.js';
import { deltaLowerBound } from './deltaWindow.js';

/** The template and the two orgs whose sync dates are looked up. */
export type SyncPair = { templateKey: string; sourceOrgId: string; targetOrgId: string };

/** An object's last sync date: when the run that last synced it cleanly started reading, and that run. */
export type LastSync = { at: string; runId: string; definition: string };

/** States of a run whose objects may set a sync date: it finished (its deferred lookups were filled). */
const FINISHED = new Set(['synced', 'synced_with_errors']);

function sameOrg(a: string, b: string): boolean {
  return a.slice(0, 15) === b.slice(0, 15);
}

/**
 * Each object's last sync date for a template between two orgs, folded from the runs' `run.json`: the journal is
 * the truth, so there is no second file to lose or to disagree with it. An object counts when a finished
 * `execute` run (not a dry run, not rolled back) read it whole and it ended without a failure (`syncedAsOf`,
 * which a retry of failed records never sets): a run with failures leaves the date where it was, so the next
 * delta reads its failed records again. A run whose `run.json` cannot be read is passed over, which can only
 * make a date older (more records read), never newer.
 */
export function lastSyncDates(store: RunStore, pair: SyncPair): Map<string, LastSync> {
  const dates = new Map<string, LastSync>();
  for (const [runId, meta] of readableRuns(store)) {
    if (!setsSyncDates(meta, pair)) continue;
    for (const entry of meta.objects) {
      const asOf = entry.delta?.syncedAsOf;
      if (!asOf || entry.failed > 0 || entry.status !== 'done') continue;
      const known = dates.get(entry.object);
      if (!known || Date.parse(asOf) > Date.parse(known.at)) dates.set(entry.object, { at: asOf, runId, definition: entry.delta!.definition });
    }
  }
  return dates;
}

/** The runs whose `run.json` can be read (a damaged one is `sf isync runs`' to report), newest first. */
function* readableRuns(store: RunStore): Generator<[string, RunMeta]> {
  for (const runId of store.list()) {
    try {
      yield [runId, store.open(runId).meta];
    } catch {
      // Passed over: see lastSyncDates.
    }
  }
}

function setsSyncDates(meta: RunMeta, pair: SyncPair): boolean {
  return (
    meta.command === 'execute' &&
    !meta.dryRun &&
    FINISHED.has(meta.state) &&
    meta.sync?.templateKey === pair.templateKey &&
    sameOrg(meta.source.orgId, pair.sourceOrgId) &&
    sameOrg(meta.target.orgId, pair.targetOrgId)
  );
}

/** The identity of a template for its sync dates: its file, or the `--objects` list. */
export function templateKeyOf(templatePath: string | undefined, objects: readonly string[]): string {
  return templatePath ? `file:${templatePath}` : `objects:${[...objects].sort().join(',')}`;
}

/** One line of `sf isync runs --sync-dates`: an object's last sync date for a template between two orgs. */
export type SyncDateEntry = {
  template: string;
  source: string;
  target: string;
  object: string;
  lastSyncAt: string;
  /** Where the next delta starts reading: the date less the safety margin. */
  nextDeltaFrom: string;
  runId: string;
};

/** Every template and org pair with a sync date in the journal folder, and each object's date. */
export function listSyncDates(store: RunStore): SyncDateEntry[] {
  const pairs = new Map<string, SyncPair & { source: string; target: string }>();
  for (const [, meta] of readableRuns(store)) {
    if (!meta.sync) continue;
    const pair = { templateKey: meta.sync.templateKey, sourceOrgId: meta.source.orgId, targetOrgId: meta.target.orgId };
    const key = `${pair.templateKey}\u0000${pair.sourceOrgId.slice(0, 15)}\u0000${pair.targetOrgId.slice(0, 15)}`;
    if (!pairs.has(key)) pairs.set(key, { ...pair, source: meta.source.username, target: meta.target.username });
  }
  return [...pairs.values()].flatMap((pair) =>
    [...lastSyncDates(store, pair)].map(([object, last]) => ({
      template: pair.templateKey.replace(/^(file|objects):/, ''),
      source: pair.source,
      target: pair.target,
      object,
      lastSyncAt: last.at,
      nextDeltaFrom: deltaLowerBound(last.at),
      runId: last.runId,
    }))
  );
}
