import { statSync } from 'node:fs';
import { readEvents } from '../journal/eventLog.js';
import type { JournalEvent } from '../journal/events.js';
import { ALREADY_DELETED_CODES } from '../journal/recordOutcomes.js';
import type { RunJournal } from '../journal/runStore.js';
import { isSalesforceId, shortId, toId18 } from '../util/shortId.js';
import { shortPair, type HistoryPair } from './historyPaths.js';
import { API_NAME } from '../schema/apiName.js';
import { SegmentWriter } from './segmentFormat.js';

/** What one journal event tells the history map: a source record now has this target record, or no longer. */
export type HistoryEntry = { kind: 'add' | 'remove'; object: string; sourceId: string; targetId: string };

/**
 * Writes that leave the source record with a target record the run wrote or found; rollback's `undelete` and
 * `reinsert` give a record the run deleted (`--include-deleted`) back its target record (a reinsert under a new
 * id, which supersedes the old one). A `deleteMatch` removes nothing: its source record is deleted, and a stale
 * mapping is checked in the target before any use.
 */
const MAPPING_OPERATIONS: ReadonlySet<string> = new Set(['insert', 'upsert', 'update', 'deferred', 'undelete', 'reinsert']);

/**
 * The history entry of one journal event, or undefined for events that do not change which target record a
 * source record has. Maps: a record written (inserted, upserted, updated, its deferred lookups filled), and a
 * record the run matched and left alone (unchanged, skipped), which is in the target all the same. Removes: a
 * record a rollback deleted, or found already gone (with its target id: see segmentFormat.ts). A restore (a rollback put back an update) keeps the
 * record, and so its mapping. Failed writes say nothing: the record may not be there.
 */
export function historyEntryOf(event: JournalEvent): HistoryEntry | undefined {
  switch (event.type) {
    case 'record':
      if (event.operation === 'delete') {
        const gone = event.ok || (event.error !== undefined && ALREADY_DELETED_CODES.has(event.error.statusCode));
        return gone ? entry('remove', event.object, event.sourceId, event.targetId) : undefined;
      }
      return event.ok && MAPPING_OPERATIONS.has(event.operation) ? entry('add', event.object, event.sourceId, event.targetId) : undefined;
    case 'outcome':
      return event.kind === 'unchanged' || event.kind === 'skipped' ? entry('add', event.object, event.sourceId, event.targetId) : undefined;
    case 'undoOutcome':
      return event.operation === 'delete' && event.kind === 'alreadyUndone' ? entry('remove', event.object, event.sourceId, event.targetId) : undefined;
    default:
      return undefined;
  }
}

/**
 * Only Salesforce ids of objects go into the map (a test's placeholder ids, a dry run's, have no place there):
 * the segment reader refuses anything else, and the segment would be rebuilt the same, again and again.
 */
function entry(kind: HistoryEntry['kind'], object: string, sourceId: string, targetId: string | null): HistoryEntry | undefined {
  if (targetId === null || !API_NAME.test(object) || !isSalesforceId(sourceId) || !isSalesforceId(targetId)) return undefined;
  return { kind, object, sourceId: shortId(sourceId), targetId: toId18(targetId) };
}

/**
 * Folds a run's journal into its segment at `path`, streaming: one entry line per event that maps or removes,
 * in journal order, so a run of a million records folds in the memory of one event. Returns the entry count.
 *
 * The journal's size is taken before it is read and recorded as `journalBytes`: if the run appends while it
 * is folded, the segment holds at least what that size covers, and the next load sees another size and
 * folds it again. Taken after, a segment could claim lines it never read.
 */
export async function foldRunJournal(journal: RunJournal, pair: HistoryPair, path: string): Promise<number> {
  const journalBytes = journalSize(journal.eventsPath);
  const writer = new SegmentWriter(path, { ...shortPair(pair), run: journal.meta.runId, journalBytes });
  try {
    for await (const event of readEvents(journal.eventsPath)) {
      const found = historyEntryOf(event);
      if (found?.kind === 'add') writer.add(found.object, found.sourceId, found.targetId);
      else if (found?.kind === 'remove') writer.remove(found.object, found.sourceId, found.targetId);
    }
  } catch (error) {
    writer.abort();
    throw error;
  }
  return writer.commit();
}

/** The size of a run's `events.jsonl`; 0 when the run has not journaled anything yet. */
export function journalSize(eventsPath: string): number {
  return statSync(eventsPath, { throwIfNoEntry: false })?.size ?? 0;
}
