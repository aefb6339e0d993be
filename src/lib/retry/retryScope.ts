import { shortId } from '../util/shortId.js';
import { readEvents } from '../journal/eventLog.js';
import type { JournalEvent } from '../journal/events.js';
import type { RunJournal } from '../journal/runStore.js';
import type { DeferredLookup } from '../load/engineRun.js';
import type { SyncTemplate } from '../template/syncTemplate.js';
import { InDoubtWritesReader, type InDoubtWrites } from '../journal/inDoubtWrites.js';

/** What a retry must redo, read from the run's journal. */
export type RetryScope = {
  /** Source id -> target id of every record the run (and earlier retries) put or found in the target. */
  known: Array<[string, string]>;
  /** Per object, the source records whose last outcome is a failure, or whose batch never finished. */
  failed: Map<string, string[]>;
  /** Deferred lookups not filled yet. */
  deferred: DeferredLookup[];
  /** Objects the run never finished (stopped, killed): retried whole. */
  unfinished: string[];
  /**
   * Per object, the records whose insert or update may have got in unnoticed (also in `failed`): settled in
   * the target before they are sent again (by match key; insert-only objects by creator, time and values).
   */
  inDoubt: Map<string, InDoubtWrites>;
};

type Last = { object: string; ok: boolean; targetId: string | null };

/**
 * Reads the journal once. The last event about a record wins (a retry appends to the same journal), so a
 * record that failed and then succeeded is done. A batch with a `batchStart` and no `batchEnd` was in flight
 * when the process died: its records are retried, and the retry finds in the target what did get in.
 */
export async function readRetryScope(journal: RunJournal): Promise<RetryScope> {
  const last = new Map<string, Last>();
  const openBatches = new Map<string, { object: string; sourceIds: string[] }>();
  const deferred = new Map<string, DeferredLookup>();
  const key = (object: string, sourceId: string): string => `${object}\u0000${shortId(sourceId)}`;
  const inDoubt = new InDoubtWritesReader(insertOnlyObjects(journal.meta.template));
  for await (const event of readEvents<JournalEvent>(journal.eventsPath)) {
    inDoubt.add(event);
    switch (event.type) {
      case 'batchStart':
        openBatches.set(event.batch, { object: event.object, sourceIds: event.sourceIds });
        break;
      case 'batchEnd':
        openBatches.delete(event.batch);
        break;
      case 'record':
        if (event.operation === 'deferred') {
          if (event.ok) for (const field of Object.keys(event.values ?? {})) deferred.delete(`${event.targetId ?? ''}\u0000${field}`);
        } else if (event.operation === 'insert' || event.operation === 'upsert' || event.operation === 'update') {
          last.set(key(event.object, event.sourceId), { object: event.object, ok: event.ok, targetId: event.targetId });
        }
        break;
      case 'outcome':
        last.set(key(event.object, event.sourceId), { object: event.object, ok: event.kind !== 'failed', targetId: event.targetId });
        break;
      case 'deferred':
        for (const lookup of event.lookups) {
          deferred.set(`${event.targetId}\u0000${lookup.field}`, {
            object: event.object,
            sourceId: event.sourceId,
            targetId: event.targetId,
            ...lookup,
            current: event.current?.[lookup.field] ?? null,
          });
        }
        break;
      default:
        break;
    }
  }
  // Batches in doubt (journal handles the same batch name in a later attempt by closing it).
  for (const batch of openBatches.values()) {
    for (const sourceId of batch.sourceIds) {
      const entry = last.get(key(batch.object, sourceId));
      if (!entry) last.set(key(batch.object, sourceId), { object: batch.object, ok: false, targetId: null });
    }
  }
  const known: Array<[string, string]> = [];
  const failed = new Map<string, string[]>();
  for (const [recordKey, entry] of last) {
    const sourceId = recordKey.slice(recordKey.indexOf('\u0000') + 1);
    if (entry.ok && entry.targetId) known.push([sourceId, entry.targetId]);
    if (!entry.ok) failed.set(entry.object, [...(failed.get(entry.object) ?? []), sourceId]);
  }
  const unfinished = journal.meta.objects.filter((object) => object.status !== 'done').map((object) => object.object);
  return { known, failed, deferred: [...deferred.values()], unfinished, inDoubt: inDoubt.result() };
}

/** The template objects without a match key, from the template the run recorded. */
function insertOnlyObjects(template: unknown): Set<string> {
  const objects = (template as Partial<SyncTemplate> | undefined)?.objects ?? [];
  return new Set(objects.filter((object) => object.matchBy === null).map((object) => object.name));
}
