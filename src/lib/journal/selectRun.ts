import { Messages } from '@salesforce/core';
import { RunNotFoundError, type RunJournal, type RunStore } from './runStore.js';
import { INTERRUPTED_STATES } from './runState.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.runs');

export type SelectedRun = {
  journal: RunJournal;
  /** True when no run id was given and the newest run was taken: commands say so. */
  latest: boolean;
};

/**
 * The run a command acts on: the one named by `--run-id`, else the newest in the journal folder. Throws an
 * SfError with actions when there is no such run or no run at all.
 */
export function selectRun(store: RunStore, runId?: string): SelectedRun {
  const id = runId ?? store.latest();
  if (!id) throw messages.createError('error.NoRuns', [store.root]);
  try {
    return { journal: store.open(id), latest: runId === undefined };
  } catch (error) {
    if (error instanceof RunNotFoundError) throw messages.createError('error.RunNotFound', [id, store.root]);
    throw error;
  }
}


/**
 * The run `execute --resume` continues: the one named by `--run-id`, else the newest sync (scans and dry runs
 * wrote nothing), if that one was interrupted. A newest sync that ended means nothing was interrupted after
 * it, or a sync was killed before it journaled anything (it wrote nothing then): the user is told to start
 * it again rather than handed an older run.
 */
export function selectRunToResume(store: RunStore, runId?: string): SelectedRun {
  if (runId) return selectRun(store, runId);
  const ids = store.list();
  if (ids.length === 0) throw messages.createError('error.NoRuns', [store.root]);
  for (const id of ids) {
    const journal = store.open(id);
    if (journal.meta.command !== 'execute' || journal.meta.dryRun) continue;
    if (INTERRUPTED_STATES.has(journal.meta.state)) return { journal, latest: true };
    const { state, finishedAt, updatedAt } = journal.meta;
    throw messages.createError('error.NothingToResume', [id, state, finishedAt ?? updatedAt, store.root], [id, id]);
  }
  throw messages.createError('error.NoSyncToResume', [store.root]);
}
