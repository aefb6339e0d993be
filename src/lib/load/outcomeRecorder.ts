import type { SObjectRow } from '../api/queryPages.js';
import { emptyCounts, type MatchedCounts, type ObjectCounts } from '../journal/runMeta.js';
import type { Decision } from './classify.js';
import type { PreparedRecord } from '../transform/recordTransformer.js';
import type { WriteOutcome } from './writeTypes.js';
import type { EngineRun } from './engineRun.js';
import type { InsertItem, UpdateItem } from './objectWriter.js';

/**
 * What one object's records came to: the counts, the journal's outcomes of records decided without a write,
 * the lookups left for the update pass, and the id map (a record in the target releases whoever waits for it).
 */
export class OutcomeRecorder {
  public readonly counts: ObjectCounts = emptyCounts();
  /** How the records found in the target were found. */
  private readonly matched: MatchedCounts = { history: 0, key: 0 };
  private readonly started = Date.now();

  public constructor(
    private readonly object: string,
    private readonly run: EngineRun,
    /** The record is in the target (`targetId`) or failed (`null`): records waiting for it go on. */
    private readonly arrived: (sourceId: string, targetId: string | null) => void
  ) {}

  /** A record counted without a write of this attempt (unchanged, skipped, or settled from an earlier one). */
  public count(kind: keyof ObjectCounts): void {
    this.counts[kind]++;
  }

  /** A record found in the target through history or by key (and not failed). */
  public matchedBy(via: 'history' | 'key'): void {
    this.matched[via]++;
  }

  /** The record is in the target: remember its id and release the records (of any object) that waited for it. */
  public mapped(sourceId: string, targetId: string): void {
    this.run.state.idMap.set(sourceId, targetId);
    this.arrived(sourceId, targetId);
    this.run.state.arrivals?.arrivedRecord(sourceId);
  }

  public failedParent(sourceId: string): void {
    this.arrived(sourceId, null);
  }

  /** Journals a record the run decided not to write, with why (and the failure's values, for the error export). */
  public journalOutcome(decision: Decision, prepared: PreparedRecord): void {
    if (decision.kind !== 'skipped' && decision.kind !== 'failed' && decision.kind !== 'unchanged') return;
    // Unchanged records are journaled too: the journal holds the whole source-id -> target-id map of the run.
    this.run.services.journal.append({
      type: 'outcome',
      object: this.object,
      sourceId: prepared.sourceId,
      targetId: decision.targetId,
      kind: decision.kind,
      ...(decision.kind === 'skipped' ? { reason: decision.reason } : {}),
      ...(decision.kind === 'failed' ? { error: decision.error, values: prepared.values } : {}),
    });
    if (decision.kind === 'failed') this.failure(decision.error.statusCode);
  }

  /** Lookups of a record found in the target, left for the update pass with the values it has now. */
  public collectDeferred(prepared: PreparedRecord, decision: Decision, match: SObjectRow | undefined, updates: boolean): void {
    if (prepared.deferred.length === 0 || decision.kind === 'failed') return;
    // Inserted records get their lookups once their ids are known (see inserted).
    if (decision.kind === 'insert') return;
    if (decision.kind === 'skipped' && !updates) return;
    const targetId = 'targetId' in decision ? decision.targetId : null;
    if (!targetId) return;
    const current: Record<string, unknown> = {};
    for (const lookup of prepared.deferred) {
      current[lookup.field] = match?.[lookup.field] ?? null;
      this.run.state.deferred.push({ object: this.object, sourceId: prepared.sourceId, targetId, ...lookup, current: current[lookup.field] });
    }
    // Journaled so that a retry or resume can finish the update pass without re-reading the source.
    this.run.services.journal.append({ type: 'deferred', object: this.object, sourceId: prepared.sourceId, targetId, lookups: prepared.deferred, current });
  }

  public inserted(item: InsertItem, outcome: WriteOutcome): void {
    if (!outcome.ok || !outcome.targetId) {
      this.counts.failed++;
      this.failure(outcome.error?.statusCode ?? 'UNKNOWN_EXCEPTION');
      this.failedParent(item.sourceId);
      return;
    }
    this.counts[outcome.created ? 'inserted' : 'updated']++;
    const targetId = outcome.targetId;
    if (item.deferred.length > 0) {
      this.run.services.journal.append({ type: 'deferred', object: this.object, sourceId: item.sourceId, targetId, lookups: item.deferred });
      for (const lookup of item.deferred) this.run.state.deferred.push({ object: this.object, sourceId: item.sourceId, targetId, ...lookup, current: null });
    }
    this.mapped(item.sourceId, targetId);
  }

  public updated(item: UpdateItem, outcome: WriteOutcome): void {
    if (outcome.ok) this.counts[item.adopted ? 'inserted' : 'updated']++;
    else {
      this.counts.failed++;
      this.failure(outcome.error?.statusCode ?? 'UNKNOWN_EXCEPTION');
    }
  }

  public failure(code: string): void {
    this.run.emit({ type: 'failure', object: this.object, code });
  }

  public note(note: string): void {
    this.run.emit({ type: 'note', object: this.object, note });
  }

  public progress(status: 'syncing' | 'done'): void {
    this.run.emit({ type: 'progress', progress: { object: this.object, status, counts: { ...this.counts }, matched: { ...this.matched }, elapsedMs: Date.now() - this.started } });
  }
}
