import { classifyFailure } from '../api/failures.js';
import type { JournalEvent } from '../journal/events.js';
import type { InDoubtInserts } from '../scan/createdSinceMatcher.js';
import { IN_DOUBT } from '../load/batchWriter.js';
import { IdMap } from '../transform/idMap.js';
import { shortId } from '../util/shortId.js';

type Doubt = { batch: string; at: string };

/**
 * Reads, from a run's journal, the inserts of insert-only objects (`"matchBy": false`) that may have got in
 * without the run knowing: records of an insert batch that never ended (the process died), or that ended
 * failed in transit (a dropped connection on the last attempt, a check that could not run). A keyed object
 * is re-checked by its key when the retry re-reads it; these can only be found by who created them and when,
 * so each keeps its batch's start time. Also collects the target ids the run already holds for those objects,
 * which are never adopted again.
 */
export class InDoubtInsertsReader {
  private readonly doubts = new Map<string, Map<string, Doubt>>();
  private readonly claimed = new Map<string, IdMap>();

  public constructor(private readonly insertOnly: ReadonlySet<string>) {}

  public add(event: JournalEvent): void {
    if (!('object' in event) || !this.insertOnly.has(event.object)) return;
    const doubts = this.doubtsOf(event.object);
    switch (event.type) {
      case 'batchStart':
        // In doubt until the record's outcome is journaled.
        if (event.operation === 'insert') for (const sourceId of event.sourceIds) doubts.set(shortId(sourceId), { batch: event.batch, at: event.at });
        break;
      case 'record': {
        if (event.operation !== 'insert') break;
        const key = shortId(event.sourceId);
        if (event.ok && event.targetId) this.claimedOf(event.object).set(event.targetId, event.sourceId);
        if (event.ok || !event.error || !failedInTransit(event.error.statusCode)) doubts.delete(key);
        break;
      }
      case 'outcome':
        this.doubtsOf(event.object).delete(shortId(event.sourceId));
        break;
      default:
        break;
    }
  }

  /** Per insert-only object with records in doubt: which, since when, and the target ids already claimed. */
  public result(): Map<string, InDoubtInserts> {
    const result = new Map<string, InDoubtInserts>();
    for (const [object, records] of this.doubts) {
      if (records.size === 0) continue;
      const claimed = this.claimedOf(object);
      result.set(object, { records, isClaimed: (targetId) => claimed.has(targetId) });
    }
    return result;
  }

  private doubtsOf(object: string): Map<string, Doubt> {
    let doubts = this.doubts.get(object);
    if (!doubts) this.doubts.set(object, (doubts = new Map<string, Doubt>()));
    return doubts;
  }

  private claimedOf(object: string): IdMap {
    let claimed = this.claimed.get(object);
    if (!claimed) this.claimed.set(object, (claimed = new IdMap()));
    return claimed;
  }
}

/**
 * Whether a failed insert's error leaves it in doubt: the request failed as a whole after it may have reached
 * the org (a dropped connection, a 5xx) or was journaled in doubt. A record-level error (the org answered
 * for that record), a row lock or a request refused before it ran (the concurrent-request limit) is not.
 */
export function failedInTransit(statusCode: string): boolean {
  if (statusCode === IN_DOUBT || statusCode === 'TypeError') return true;
  if (statusCode === 'UNABLE_TO_LOCK_ROW') return false;
  return classifyFailure({ errorCode: statusCode }) === 'transient';
}
