import type { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { RunState } from '../lib/journal/runState.js';
import type { SyncRunResult } from '../lib/run/syncRunTypes.js';
import { matchedText } from '../lib/template/matchMode.js';

/** Exit code 68 ("partial success") when the run finished with failed records, as the command help documents. */
export const PARTIAL_SUCCESS_EXIT = 68;

export function runExitCode(state: RunState): number {
  if (state === 'synced' || state === 'scanned') return 0;
  if (state === 'synced_with_errors') return PARTIAL_SUCCESS_EXIT;
  return 1;
}

type Summarised = SyncRunResult & { apiCalls: { source: number; target: number }; sync?: { includeDeleted: boolean } };

/**
 * The count columns of a run's table: a delta's *Read* column and the *Deleted* one only when the run has them,
 * so that a full run's table stays as it was.
 */
export function countColumns(delta: boolean, deleted: boolean): string[] {
  return [...(delta ? ['read'] : []), 'inserted', 'updated', 'unchanged', 'skipped', 'failed', ...(deleted ? ['deleted'] : [])];
}

/** How an object's source was read: `all`, or `since` and the delta's lower bound (UTC, to the minute). */
export function readText(since: string | null | undefined): string {
  return since ? `since ${since.slice(0, 16).replace('T', ' ')}Z` : 'all';
}

/** The post-run summary for people: per-object counts, totals, notes, where the journal is, what to run next. */
export function renderRunSummary(command: SfCommand<unknown>, result: Summarised, messages: Messages<string>, next: string): void {
  command.styledHeader(messages.getMessage('info.summaryHeader', [result.runId, result.state]));
  const rows = result.objects.map((entry) => ({
    object: entry.object,
    'match by': entry.match ?? '',
    matched: matchedText(entry.matched),
    inserted: entry.inserted,
    updated: entry.updated,
    unchanged: entry.unchanged,
    skipped: entry.skipped,
    failed: entry.failed,
    deleted: entry.deleted,
    read: readText(entry.delta?.since),
    elapsed: `${(entry.elapsedMs / 1000).toFixed(1)}s`,
  }));
  rows.push({ object: 'Total', 'match by': '', matched: '', ...result.totals, read: '', elapsed: '' });
  const delta = result.objects.some((entry) => entry.delta?.since);
  const deleted = result.sync?.includeDeleted === true || result.totals.deleted > 0;
  const columns = ['object', 'match by', 'matched', ...countColumns(delta, deleted), 'elapsed'];
  command.table({ data: rows, columns: columns as Array<keyof (typeof rows)[number]> });
  const { deferred } = result;
  if (deferred.updated + deferred.failed + deferred.unresolved > 0) {
    command.log(messages.getMessage('info.deferred', [deferred.updated, deferred.failed, deferred.unresolved]));
  }
  // One line per kind of note, with the objects it concerns: an owner missing in 14 objects is one fact.
  const byNote = new Map<string, Array<{ object: string; count: number }>>();
  for (const note of result.notes) byNote.set(note.note, [...(byNote.get(note.note) ?? []), { object: note.object, count: note.count }]);
  for (const [note, objects] of byNote) {
    const total = objects.reduce((sum, entry) => sum + entry.count, 0);
    command.warn(messages.getMessage('warning.notes', [note, objects.map((entry) => `${entry.object} ${entry.count}`).join(', '), total]));
  }
  if (result.stateReason) command.warn(result.stateReason);
  command.log(messages.getMessage('info.apiCalls', [result.apiCalls.source, result.apiCalls.target]));
  command.log(messages.getMessage('info.journal', [result.journalDir]));
  command.log(next);
}
