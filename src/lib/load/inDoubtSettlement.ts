import type { JournalSink } from '../journal/eventLog.js';
import type { JournalEvent } from '../journal/events.js';
import type { InDoubtWrites } from '../journal/inDoubtWrites.js';
import type { Decision } from './classify.js';
import type { IdMap } from '../util/idMap.js';
import { shortId } from '../util/shortId.js';

/** What a write in doubt turned out to be, once the record was found in the target. */
export type Settled = 'inserted' | 'updated';

/** The run's note for each record settled so (shown in the summary, counted per object). */
export const SETTLED_NOTES: Record<Settled, string> = {
  inserted: 'inserted by an interrupted attempt of this run (its answer was lost) and found in the target: counted as this run\'s insert',
  updated: 'updated by an interrupted attempt of this run (its answer was lost) and found applied in the target: counted as this run\'s update',
};

/**
 * A resume or retry meets records that an earlier attempt of the run wrote without learning the answer (the
 * process was killed with the batch in flight, or the connection dropped). Found in the target, such a record
 * is the run's own write, whatever path found it: an insert in doubt is this run's insert (rollback deletes
 * it), an update in doubt found applied is this run's update (rollback restores the values journaled with its
 * intent). Journaled as such, so that counts, report and rollback all read one history.
 */
export class InDoubtSettlement {
  private readonly settled = new Set<string>();
  private sequence = 0;

  public constructor(
    private readonly object: string,
    private readonly doubts: InDoubtWrites | undefined,
    private readonly journal: JournalSink<JournalEvent>,
    /** Target id -> source id of the records the run holds: an adopted record is taken (see ownMatches). */
    private readonly claimed?: IdMap
  ) {}

  /** Whether an earlier attempt sent this record's insert without learning whether it got in. */
  public insertInDoubt(sourceId: string): boolean {
    return this.doubts?.inserts.has(shortId(sourceId)) === true && !this.settled.has(shortId(sourceId));
  }

  /**
   * Settles a record found in the target (`decision` has its target id): answers what the earlier attempt's
   * write was, after journaling it, or undefined when the record has no write in doubt (or it did not get in).
   */
  public settle(sourceId: string, decision: Decision, values: Readonly<Record<string, unknown>>): Settled | undefined {
    const targetId = 'targetId' in decision ? decision.targetId : null;
    const key = shortId(sourceId);
    if (!this.doubts || !targetId || this.settled.has(key)) return undefined;
    const insert = this.doubts.inserts.get(key);
    if (insert) {
      this.settled.add(key);
      this.claimed?.set(targetId, sourceId);
      this.append(insert.batch, { operation: 'insert', sourceId, targetId, ok: true, created: true });
      return 'inserted';
    }
    const update = this.doubts.updates.get(key);
    // Still different from the source: the update did not get in, and is sent again as any other.
    if (!update || decision.kind !== 'unchanged') return undefined;
    this.settled.add(key);
    const written: Record<string, unknown> = {};
    for (const field of Object.keys(update.before)) written[field] = values[field] ?? null;
    this.append(update.batch, { operation: 'update', sourceId, targetId, ok: true, values: written, before: { ...update.before } });
    return 'updated';
  }

  private append(batch: string, record: Omit<Extract<JournalEvent, { type: 'record' }>, 'type' | 'batch' | 'object'>): void {
    const name = `${batch}:settled:${++this.sequence}`;
    this.journal.append({ type: 'record', batch: name, object: this.object, ...record }, { type: 'batchEnd', at: new Date().toISOString(), batch: name });
  }
}
