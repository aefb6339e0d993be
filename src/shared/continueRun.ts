import type { SfCommand } from '@salesforce/sf-plugins-core';
import { journalRoot } from '../lib/journal/paths.js';
import { RunStore } from '../lib/journal/runStore.js';
import { selectRun } from '../lib/journal/selectRun.js';
import { assertContinuable, orgOfRun, templateOfRun } from '../lib/retry/retryGuard.js';
import { readRetryScope } from '../lib/retry/retryScope.js';
import { syncFromFlags, type SyncCommandResult } from './syncFromFlags.js';

export type ContinueResult = SyncCommandResult & { retried: { records: number; objects: string[] } };

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
  const { journal, latest } = selectRun(new RunStore(journalRoot(input.journalDir)), input.runId);
  if (latest) input.onLatest(journal.meta.runId);
  assertContinuable(journal.meta, input.resume);
  const scope = await readRetryScope(journal);
  const records = [...scope.failed.values()].reduce((sum, ids) => sum + ids.length, 0);
  const objects = [...new Set([...scope.unfinished, ...scope.failed.keys()])];
  if (objects.length === 0 && scope.deferred.length === 0) input.onNothingToDo(journal.meta.runId);
  const result = await syncFromFlags(command, {
    command: input.resume ? 'execute' : 'retry',
    sourceOrg: await orgOfRun(journal.meta, 'source'),
    targetOrg: await orgOfRun(journal.meta, 'target'),
    file: templateOfRun(journal.meta),
    continueRun: { journal: journal, scope },
    dryRun: false,
    concurrency: input.concurrency,
    journalDir: input.journalDir,
    // The run was allowed to write to this org when it started.
    confirmProduction: true,
  });
  return { ...result, retried: { records, objects } };
}
