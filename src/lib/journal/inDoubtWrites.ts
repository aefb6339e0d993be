import { classifyFailure } from '../api/failures.js';
import { shortId } from '../util/shortId.js';
import type { JournalEvent } from './events.js';
import { IN_DOUBT } from '../util/outcomeCodes.js';

/** An insert (or upsert) this run sent without learning whether it got in: the batch, and when it started. */
export type InsertDoubt = { batch: string; at: string };

/** An update this run sent without learning whether it got in, with the values the record had before it. */
export type UpdateDoubt = { batch: string; before: Readonly<Record<string, unknown>> };

/**
 * One object's writes in doubt after a crash or a failure in transit. A later attempt that finds such a record
 * in the target knows it is this run's write: an insert found is the run's insert (rollback deletes it), an
 * update found applied is the run's update (rollback restores `before`), whatever path found it.
 */
export type InDoubtWrites = {
  /** 15-character source id -> the insert in doubt. */
  inserts: ReadonlyMap<string, InsertDoubt>;
  /** 15-character source id -> the update in doubt. */
  updates: ReadonlyMap<string, UpdateDoubt>;
  /** Insert-only objects: target ids the run's journal already holds, never adopted for another record. */
  isClaimed(targetId: string): boolean;
};

/**
 * Whether a failed write's error leaves it in doubt: the request failed as a whole after it may have reached
 * the org (a dropped connection, a 5xx) or was journaled in doubt. A record-level error (the org answered
 * for that record), a row lock or a request refused before it ran (the concurrent-request limit) is not.
 */
export function failedInTransit(statusCode: string): boolean {
  if (statusCode === IN_DOUBT || statusCode === 'TypeError') return true;
  if (statusCode === 'UNABLE_TO_LOCK_ROW') return false;
  return classifyFailure({ errorCode: statusCode }) === 'transient';
}

type ObjectDoubts = { inserts: Map<string, InsertDoubt>; updates: Map<string, UpdateDoubt> };

/**
 * Reads, from a run's journal, the writes that may have got in without the run knowing: records of a batch
 * that never ended (the process died) or that ended failed in transit. A record stays in doubt until a later
 * event settles it (its outcome, an adoption, a decision not to write it). For insert-only objects it also
 * collects the target ids the run already holds, which are never adopted again.
 */
export class InDoubtWritesReader {
  private readonly doubts = new Map<string, ObjectDoubts>();
  /** Per insert-only object, the target ids (15-character) the run holds. */
  private readonly claimed = new Map<string, Set<string>>();

  public constructor(private readonly insertOnly: ReadonlySet<string>) {}

  public add(event: JournalEvent): void {
    switch (event.type) {
      case 'batchStart': {
        const doubts = this.doubtsOf(event.object);
        if (event.operation === 'insert' || event.operation === 'upsert') {
          for (const sourceId of event.sourceIds) doubts.inserts.set(shortId(sourceId), { batch: event.batch, at: event.at });
        } else if (event.operation === 'update') {
          for (const sourceId of event.sourceIds) doubts.updates.set(shortId(sourceId), { batch: event.batch, before: event.before?.[sourceId] ?? {} });
        }
        break;
      }
      case 'record':
        this.settle(event.object, event.operation, event.sourceId, event.ok, event.error?.statusCode);
        if (event.ok && event.targetId && event.operation === 'insert' && this.insertOnly.has(event.object)) this.claimedOf(event.object).add(shortId(event.targetId));
        break;
      case 'outcome': {
        // A record decided without a write settles its doubt only where the decision saw the target: a
        // failure decided before matching (a parent not synced) says nothing of what got in earlier.
        if (event.kind === 'failed') break;
        const doubts = this.doubts.get(event.object);
        doubts?.inserts.delete(shortId(event.sourceId));
        doubts?.updates.delete(shortId(event.sourceId));
        break;
      }
      default:
        break;
    }
  }

  /** Per object with writes in doubt: which, since when, and (insert-only objects) the target ids already claimed. */
  public result(): Map<string, InDoubtWrites> {
    const result = new Map<string, InDoubtWrites>();
    for (const [object, doubts] of this.doubts) {
      if (doubts.inserts.size === 0 && doubts.updates.size === 0) continue;
      const claimed = this.claimed.get(object);
      result.set(object, { ...doubts, isClaimed: (targetId) => claimed?.has(shortId(targetId)) ?? false });
    }
    return result;
  }

  private settle(object: string, operation: string, sourceId: string, ok: boolean, code: string | undefined): void {
    const doubts = this.doubts.get(object);
    if (!doubts) return;
    const stillInDoubt = !ok && code !== undefined && failedInTransit(code);
    if (stillInDoubt) return;
    if (operation === 'insert' || operation === 'upsert') doubts.inserts.delete(shortId(sourceId));
    else if (operation === 'update') doubts.updates.delete(shortId(sourceId));
  }

  private doubtsOf(object: string): ObjectDoubts {
    let doubts = this.doubts.get(object);
    if (!doubts) this.doubts.set(object, (doubts = { inserts: new Map(), updates: new Map() }));
    return doubts;
  }

  private claimedOf(object: string): Set<string> {
    let claimed = this.claimed.get(object);
    if (!claimed) this.claimed.set(object, (claimed = new Set()));
    return claimed;
  }
}
