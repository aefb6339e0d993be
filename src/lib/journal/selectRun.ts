import { Messages } from '@salesforce/core';
import { RunNotFoundError, type RunJournal, type RunStore } from './runStore.js';

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
