import type { SfCommand } from '@salesforce/sf-plugins-core';
import { journalRoot } from '../lib/journal/paths.js';
import { RunStore } from '../lib/journal/runStore.js';
import { selectRun, selectRunToResume } from '../lib/journal/selectRun.js';
import type { RunJournal } from '../lib/journal/runStore.js';
import { sumCounts } from '../lib/journal/runMeta.js';
import { INTERRUPTED_STATES } from '../lib/journal/runState.js';
import { assertContinuable, orgOfRun, templateOfRun } from '../lib/retry/retryGuard.js';
import { readRetryScope } from '../lib/retry/retryScope.js';
import { syncFromFlags, type SyncCommandResult } from './syncFromFlags.js';
import type { DeltaUsed } from './deltaUsed.js';
import { DELTA_SAFETY_MARGIN_MS } from '../lib/delta/deltaWindow.js';
import { AutomationSwitch } from '../lib/automation/automationSwitch.js';
import { orgApiFor } from '../lib/api/httpOrgApi.js';

export type ContinueResult = SyncCommandResult & {
  retried: { records: number; objects: string[] };
  /** The run had nothing left to do: nothing was sent, and its journal was left as it was. */
  nothingToDo: boolean;
};

export type ContinueInput = {
  runId?: string;
  journalDir?: string;
  concurrency?: number;
  /** `execute --resume` also takes over a run whose process died (state `syncing`); `retry` does not. */
  resume: boolean;
  /** Told which run it acts on when no run id was given. */
  onLatest(runId: string): void;
  onNothingToDo(runId: string): void;
};

/**
 * What `retry` and `execute --resume` share: continue a run from its journal, with the orgs, template and
 * plan it recorded, redoing only what is not done (failed records, unfinished objects, in-doubt batches,
 * deferred lookups), appended to the same journal.
 */
export async function continueRun(command: SfCommand<unknown>, input: ContinueInput): Promise<ContinueResult> {
  const store = new RunStore(journalRoot(input.journalDir));
  const { journal, latest } = input.resume ? selectRunToResume(store, input.runId) : selectRun(store, input.runId);
  if (latest) input.onLatest(journal.meta.runId);
  assertContinuable(journal.meta, input.resume);
  // The run's own orgs, checked even when nothing is left to do: the user named them, and may be wrong.
  const sourceOrg = await orgOfRun(journal.meta, 'source');
  const targetOrg = await orgOfRun(journal.meta, 'target');
  const scope = await readRetryScope(journal);
  const records = [...scope.failed.values()].reduce((sum, ids) => sum + ids.length, 0);
  const objects = [...new Set([...scope.unfinished, ...scope.failed.keys()])];
  if (objects.length === 0 && scope.deferred.length === 0) {
    input.onNothingToDo(journal.meta.runId);
    // A run that ended has nothing to change but what it left switched off. One stopped after its last write
    // still needs its end state.
    if (!INTERRUPTED_STATES.has(journal.meta.state)) {
      await new AutomationSwitch(orgApiFor(targetOrg.getConnection())).restore(journal);
      return unchanged(journal);
    }
  }
  const result = await syncFromFlags(command, {
    command: input.resume ? 'execute' : 'retry',
    sourceOrg,
    targetOrg,
    file: templateOfRun(journal.meta),
    continueRun: { journal: journal, scope },
    dryRun: false,
    concurrency: input.concurrency,
    journalDir: input.journalDir,
    // The run was allowed to write to this org when it started.
    confirmProduction: true,
  });
  return { ...result, retried: { records, objects }, nothingToDo: false };
}

/** How the run read its objects, as its run.json recorded it. */
function syncOfRun(meta: RunJournal['meta']): DeltaUsed {
  return {
    type: meta.sync?.type ?? 'full',
    includeDeleted: meta.sync?.includeDeleted ?? false,
    marginMinutes: DELTA_SAFETY_MARGIN_MS / 60_000,
    objects: meta.objects.map((entry) => ({ object: entry.object, since: entry.delta?.since ?? null, reason: entry.delta?.since ? 'delta' : 'full' })),
  };
}

/** The result of a continue that had nothing to do: the run as its journal has it, untouched. */
function unchanged(journal: RunJournal): ContinueResult {
  const { meta } = journal;
  return {
    runId: meta.runId,
    state: meta.state,
    stateReason: meta.stateReason,
    objects: meta.objects,
    totals: sumCounts(meta.objects),
    deferred: { updated: 0, failed: 0, unresolved: 0 },
    notes: [],
    failures: [],
    journalDir: journal.dir,
    apiCalls: { source: 0, target: 0 },
    warnings: [],
    preflight: [],
    apiBudget: [],
    // Nothing ran: the id map of earlier runs was not read.
    history: { mappings: 0, segments: 0, firstRun: false, objects: [] },
    sync: syncOfRun(meta),
    retried: { records: 0, objects: [] },
    nothingToDo: true,
  };
}
