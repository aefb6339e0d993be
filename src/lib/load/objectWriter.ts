import type { SObjectRow } from '../api/queryPages.js';
import type { ObjectSyncSpec, PendingLookup } from '../transform/recordTransformer.js';
import type { RecordWriter, WriteItem, WriteOutcome } from './writeTypes.js';
import { sobjectOf, type EngineRun } from './engineRun.js';
import { groupByParent, lockingParentField } from './lockGroups.js';
import { WriteWindow } from './writeWindow.js';
import { writesInBulk } from './writeBatches.js';

/**
 * An insert waiting for its batch's answer keeps what happens after it needs, not the prepared record: its
 * deferred lookups and its key fields (a Bulk job holds thousands of these for seconds).
 */
export type InsertItem = WriteItem & { deferred: PendingLookup[]; row: SObjectRow };
/** `adopted`: an update of a record whose insert by an earlier attempt was in doubt (it counts as inserted). */
export type UpdateItem = WriteItem & { adopted?: boolean };

/** What happens around a batch of inserts: the in-doubt checks of insert-only objects, and the outcomes. */
export type InsertHooks = {
  /** After an insert failed in transit: which of these records got in (source id -> target id). */
  verifyInserted(items: InsertItem[], startedAt: Date): Promise<Map<string, string>>;
  sendStarted(): void;
  sendEnded(outcomes: WriteOutcome[] | undefined): void;
  inserted(items: InsertItem[], outcomes: WriteOutcome[]): void;
  updated(items: UpdateItem[], outcomes: WriteOutcome[]): void;
};

/**
 * Turns one object's decisions into write batches and sends them: REST collections by default, Bulk API 2.0
 * for a large object with a single-field key; inserts become upserts on the target's external id when the
 * key is one (idempotent, so a resend is safe); inserts of an object with a master-detail parent are batched
 * by parent (fewer row locks). Batches leave as soon as they are full, bounded by the object's WriteWindow.
 */
export class ObjectWriter {
  public readonly window: WriteWindow;
  private inserts: InsertItem[] = [];
  private updates: UpdateItem[] = [];
  private writer: RecordWriter;
  private batchSizeNow: number;
  private correlationField: string | undefined;
  private readonly upsertField: string | undefined;
  /** The master-detail field: inserts are batched by its parent, so that concurrent batches rarely lock one row. */
  readonly lockParent: string | undefined;

  public constructor(
    private readonly spec: ObjectSyncSpec,
    private readonly run: EngineRun,
    private readonly hooks: InsertHooks
  ) {
    this.writer = run.services.writer;
    this.batchSizeNow = run.config.batchSize;
    this.upsertField = upsertFieldOf(spec);
    this.lockParent = lockingParentField(spec.fields);
    const { inFlight } = run.state;
    this.window = new WriteWindow({ maxBatches: run.config.maxInflightBatches, rest: inFlight.rest, bulk: inFlight.bulk });
  }

  /** The target's name of the object, when it is not the template's (`"target"`). */
  private get sobject(): { sobject?: string } {
    return sobjectOf(this.run.config, this.spec.object.name);
  }

  public get batchSize(): number {
    return this.batchSizeNow;
  }

  /**
   * Bulk API 2.0 when the object is large: its results come back unordered and are paired with records by a
   * column unique per record, so it needs a single-field match key (the external id of an upsert, else the
   * key field for inserts). Composite keys and retries stay on REST collections.
   */
  public async choose(): Promise<void> {
    const bulk = this.run.config.bulk;
    const bulkWriter = this.run.services.bulkWriter;
    if (!bulk || !bulkWriter) return;
    // The same COUNT() decides how the source is read (sourceReader): asked once for both.
    const count = await this.run.services.counts.source(this.spec.object.name);
    if (!writesInBulk(this.spec, count, bulk.threshold)) return;
    this.writer = bulkWriter;
    this.batchSizeNow = bulk.batchSize;
    this.correlationField = this.upsertField ?? this.spec.object.matchBy!.target[0];
    this.window.useBulk(bulk.batchSize);
  }

  public addInsert(item: InsertItem, row: SObjectRow | undefined): void {
    this.inserts.push({ ...item, values: this.withUpsertKey(item.values, row) });
  }

  public addUpdate(item: UpdateItem): void {
    this.updates.push(item);
  }

  /** Sends full batches (or everything, at the end) without waiting for them. */
  public flush(all: boolean): void {
    const size = this.batchSizeNow;
    if (this.lockParent && this.inserts.length > size) this.inserts = groupByParent(this.inserts, this.lockParent);
    while (this.inserts.length >= size || (all && this.inserts.length > 0)) {
      const items = this.inserts.splice(0, size);
      this.window.add(items.length, this.sendInserts(items));
    }
    while (this.updates.length >= size || (all && this.updates.length > 0)) {
      const items = this.updates.splice(0, size);
      this.window.add(items.length, this.sendUpdates(items));
    }
  }

  /** Waits until nothing is buffered or in flight (writes release waiting children, which buffer more). */
  public async settle(): Promise<void> {
    for (;;) {
      this.window.throwIfFailed();
      this.flush(true);
      if (this.window.size === 0) return;
      await this.window.allWritten();
    }
  }

  private async sendInserts(items: InsertItem[]): Promise<void> {
    // Before the batch's own start time: an in-doubt search from here on only widens its window.
    const startedAt = new Date();
    this.hooks.sendStarted();
    let outcomes: WriteOutcome[] | undefined;
    try {
      outcomes = await this.writer.write({
        object: this.spec.object.name,
        ...this.sobject,
        operation: this.upsertField ? 'upsert' : 'insert',
        externalIdField: this.upsertField,
        correlationField: this.correlationField,
        items,
        verifyInserted: (sent) => this.hooks.verifyInserted(sent as InsertItem[], startedAt),
      });
    } finally {
      this.hooks.sendEnded(outcomes);
    }
    this.hooks.inserted(items, outcomes);
    // Children this batch released (self-references) leave as soon as they fill a batch, without waiting
    // for the next source page or for every batch in flight: a hierarchy's levels overlap.
    this.flush(false);
  }

  private async sendUpdates(items: UpdateItem[]): Promise<void> {
    const outcomes = await this.writer.write({ object: this.spec.object.name, ...this.sobject, operation: 'update', items });
    this.hooks.updated(items, outcomes);
  }

  /**
   * Upserts need the external id value in the payload, and bulk inserts their correlation column, even when
   * the field is not in the template's list.
   */
  private withUpsertKey(values: Record<string, unknown>, row: SObjectRow | undefined): Record<string, unknown> {
    const keyField = this.upsertField ?? this.correlationField;
    const matchBy = this.spec.object.matchBy;
    if (!keyField || !matchBy || !row || values[keyField] !== undefined) return values;
    return { ...values, [keyField]: row[matchBy.source[0]] };
  }
}

/** Inserts become upserts on the target's external id when the match key is one: idempotent, so a resend is safe. */
function upsertFieldOf(spec: ObjectSyncSpec): string | undefined {
  const target = spec.object.matchBy?.target;
  if (!target || target.length !== 1 || target[0] === 'Id') return undefined;
  const field = spec.target.fields.find((candidate) => candidate.name === target[0]);
  return field?.externalId ? field.name : undefined;
}
