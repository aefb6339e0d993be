import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SObjectRow } from '../api/queryPages.js';
import type { DescribeField } from '../schema/describeTypes.js';
import { emptyCounts, type ObjectCounts } from '../journal/runMeta.js';
import { classify, type Decision } from '../scan/classify.js';
import { matchKeyOf } from '../scan/matchKey.js';
import { ownMatches } from '../scan/ownMatches.js';
import type { WrittenRecord } from '../scan/createdSinceMatcher.js';
import { InsertOnlyAdoption } from '../scan/insertOnlyAdoption.js';
import { parentLookups, parentObjectOf, prepareRecord, type LookupContext, type ObjectSyncSpec, type PendingLookup, type PreparedRecord } from '../transform/recordTransformer.js';
import type { RecordWriter, WriteItem, WriteOutcome } from './batchWriter.js';
import { SelfReferenceQueue, type WaitingRecord } from './selfReferenceQueue.js';
import { TargetMatching } from './targetMatching.js';
import type { SyncContext } from './syncContext.js';
import { LOAD_PHASES, type SourcePart } from './sourceQuery.js';
import { readSource } from './sourceReader.js';
import { groupByParent, lockingParentField } from './lockGroups.js';
import { HeldRows } from './heldRows.js';
import { InDoubtSettlement, SETTLED_NOTES } from './inDoubtSettlement.js';

/** Ids per retry query: 500 quoted 18-character ids stay far below SOQL's 100,000 characters. */
const RETRY_IDS_PER_QUERY = 500;
/** Bulk API 2.0 jobs one object keeps going at once (each holds its batch of records until it completes). */
const BULK_JOBS_IN_FLIGHT = 2;

/**
 * An insert waiting for its batch's answer keeps what happens after it needs, not the prepared record: its
 * deferred lookups and its key fields (a Bulk job holds thousands of these for seconds).
 */
type InsertItem = WriteItem & { deferred: PendingLookup[]; row: SObjectRow };
/** `adopted`: an update of a record whose insert by an earlier attempt was in doubt (it counts as inserted). */
type UpdateItem = WriteItem & { adopted?: boolean };

/**
 * Syncs one object: streams the source page by page, matches each page in the target, classifies every
 * record, and writes inserts and updates in batches (several in flight, bounded by the run's limiter). Records
 * of self-referencing objects wait for their parents; deferred lookups are collected for the update pass.
 */
export class ObjectSync {
  public readonly counts: ObjectCounts = emptyCounts();
  private readonly started = Date.now();
  private inserts: InsertItem[] = [];
  private updates: UpdateItem[] = [];
  private readonly inflight = new Set<Promise<void>>();
  /** Records in the batches of `inflight`. */
  private inflightRecords = 0;
  /** The first batch that failed as a whole (a RunStop, a bug): the object stops with it. */
  private batchFailure: { error: unknown } | undefined;
  private readonly queue = new SelfReferenceQueue();
  private readonly failedSources = new Set<string>();
  private readonly lookupContext: LookupContext;
  private readonly upsertField: string | undefined;
  /** How records are found in the target (absent for an insert-only object, which matches nothing). */
  private readonly matching: TargetMatching | undefined;
  /** REST collections by default; Bulk API 2.0 for a large object with a single-field key (see chooseWriter). */
  private writer: RecordWriter;
  private batchSize: number;
  private correlationField: string | undefined;
  /** The master-detail field: inserts are batched by its parent, so that concurrent batches rarely lock one row. */
  private readonly lockParent: string | undefined;
  /** Insert-only objects (no match key): finds in the target what in-doubt inserts saved. */
  private readonly adoption: InsertOnlyAdoption | undefined;
  /** Rows waiting for parent records of other objects that are still being synced (absent: none can be). */
  private readonly held: HeldRows | undefined;
  /** The lookups whose parents must be in the target first (see parentLookups). */
  private readonly parentLookups: readonly DescribeField[];
  /** A resume or retry: records an earlier attempt wrote without learning the answer, settled when found. */
  private readonly inDoubt: InDoubtSettlement;

  public constructor(
    private readonly spec: ObjectSyncSpec,
    private readonly context: SyncContext
  ) {
    this.lookupContext = {
      idMap: context.idMap,
      templateObjects: context.templateObjects,
      objectOfId: (id) => context.objectOfId(id),
      resolved: (id) => context.resolver.cached(id),
      targetUserId: context.targetUserId,
      isInsertOnly: (object) => context.templateObjects.has(object) && context.keysOf(object).length === 0,
    };
    this.upsertField = upsertFieldOf(spec);
    this.lockParent = lockingParentField(spec.fields);
    this.writer = context.writer;
    this.batchSize = context.batchSize;
    this.matching = spec.object.matchBy ? new TargetMatching(spec, spec.object.matchBy, context) : undefined;
    this.parentLookups = parentLookups(spec);
    this.inDoubt = new InDoubtSettlement(spec.object.name, spec.inDoubt, context.journal, context.claimedTargets);
    this.held = context.arrivals ? new HeldRows(spec, context.arrivals, (id) => context.objectOfId(id)) : undefined;
    this.adoption = spec.object.matchBy
      ? undefined
      : new InsertOnlyAdoption(
          { target: context.target, object: spec.object.name, userId: context.targetUserId, fields: spec.fields },
          spec.inDoubt ? (id): boolean => spec.inDoubt!.isClaimed(id) : undefined
        );
  }

  private get name(): string {
    return this.spec.object.name;
  }

  public async run(): Promise<ObjectCounts> {
    this.progress('syncing');
    try {
      await this.load();
    } catch (error) {
      // The batches already sent finish and journal their outcomes before the run ends.
      await Promise.allSettled([...this.inflight]);
      throw error;
    }
    this.progress('done');
    return this.counts;
  }

  private async load(): Promise<void> {
    await this.matching?.prepare();
    await this.chooseWriter();
    for (const phase of LOAD_PHASES[this.name] ?? [undefined]) {
      for (const part of this.sourceParts(phase)) {
        for await (const page of readSource(this.context, this.spec, part)) {
          await this.admit(page);
          await this.backpressure();
        }
      }
      await this.parentsFinal();
      // A phase is complete in the target before the next one starts.
      await this.settle();
    }
    await this.settle();
    await this.drainWaiting();
    await this.settle();
  }

  /** A source page: rows whose parents are in the target go on now; the others wait for them (see HeldRows). */
  private async admit(rows: SObjectRow[]): Promise<void> {
    const free = this.held ? this.held.admit(rows) : rows;
    if (free.length > 0) await this.handlePage(free);
    await this.handleReleased(false);
  }

  /**
   * Handles held rows whose parents are in: at once when matching them costs no call (empty target, target
   * read whole, insert-only), else (`all` aside) once they fill a page, so that a query matches a page of them.
   */
  private async handleReleased(all: boolean): Promise<void> {
    const held = this.held;
    if (!held || held.ready === 0) return;
    if (!all && held.ready < this.context.pageSize && this.matching?.costsQueries) return;
    while (held.ready > 0) await this.handlePage(held.take(this.context.pageSize));
  }

  /** Waits until no row waits for a parent of another object any more, handling rows as they are released. */
  private async parentsFinal(): Promise<void> {
    const held = this.held;
    if (!held) return;
    for (;;) {
      if (held.ready > 0) await this.handleReleased(true);
      else if (held.held > 0) await held.changed();
      else return;
    }
  }

  /**
   * Bulk API 2.0 when the object is large: its results come back unordered and are paired with records by a
   * column unique per record, so it needs a single-field match key (the external id of an upsert, else the
   * key field for inserts). Composite keys and retries stay on REST collections.
   */
  private async chooseWriter(): Promise<void> {
    const bulk = this.context.bulk;
    const key = this.spec.object.matchBy?.target;
    if (!bulk || this.spec.onlySourceIds || !key || key.length !== 1 || key[0] === 'Id') return;
    // The same COUNT() decides how the source is read (sourceReader): asked once for both.
    const count = await this.context.counts.source(this.name);
    if (count < bulk.threshold) return;
    this.writer = bulk.writer;
    this.batchSize = bulk.batchSize;
    this.correlationField = this.upsertField ?? key[0];
  }

  /** One query for the object, or (a retry) one per chunk of the records to re-read. */
  private sourceParts(phase: string | undefined): SourcePart[] {
    const ids = this.spec.onlySourceIds;
    if (!ids) return [{ phase }];
    const chunks: SourcePart[] = [];
    for (let start = 0; start < ids.length; start += RETRY_IDS_PER_QUERY) chunks.push({ ids: ids.slice(start, start + RETRY_IDS_PER_QUERY), phase });
    return chunks;
  }

  /**
   * Streaming: reading stops while more batches are buffered or in flight than the writers can take, so
   * memory holds a few pages, never the object.
   */
  private async backpressure(): Promise<void> {
    for (;;) {
      this.throwBatchFailure();
      const held = this.held;
      const arrivals = this.context.arrivals;
      const holding = held ? held.held + held.ready : 0;
      if (held && (holding >= this.context.pageSize || (holding > 0 && !arrivals!.hasRoom))) {
        // A page of rows waits already (or the run holds all it may): handle what is released, else wait
        // for parents before reading on.
        if (held.ready > 0) await this.handleReleased(true);
        else await held.changed();
        continue;
      }
      if (held && !arrivals!.hasRoom && held.waitsForParents) {
        if (arrivals!.aborted) throw arrivals!.aborted.reason;
        // The run holds all the rows it may for parents, and this object's next page could wait too: it reads
        // on once others handle theirs or an object finishes (objects whose parents are done always read).
        await arrivals!.room();
        continue;
      }
      if (!this.mustWait()) return;
      await Promise.race([...this.inflight].map((promise) => promise.then(() => undefined, () => undefined)));
      await this.handleReleased(false);
    }
  }

  /**
   * Reading waits for this object's own batches (so it never waits for nothing): when it has too many, when
   * more records wait for their parents than the run lets be in flight (the writes in flight release them), or
   * when the run's REST records in flight are at their bound. Bulk jobs are paced per job, outside the REST
   * limiter, so an object on Bulk API is bounded by its own jobs (BULK_JOBS_IN_FLIGHT of them) and by the
   * run's Bulk records in flight (objects side by side each keep a job, not more).
   */
  private mustWait(): boolean {
    if (this.inflight.size === 0) return false;
    if (this.inflight.size >= this.context.maxInflightBatches) return true;
    if (this.queue.size >= this.context.unwritten.max) return true;
    if (this.onBulk) {
      const run = this.context.bulk!.inFlight;
      return this.inflightRecords >= BULK_JOBS_IN_FLIGHT * this.batchSize || run.records >= run.max;
    }
    return this.context.unwritten.records >= this.context.unwritten.max;
  }

  private get onBulk(): boolean {
    return this.writer !== this.context.writer;
  }

  private async handlePage(rows: SObjectRow[]): Promise<void> {
    await this.resolveOutsideReferences(rows);
    const matchBy = this.spec.object.matchBy;
    const matching = this.matching;
    if (!matchBy || !matching) {
      await this.handleInsertOnlyPage(rows);
      return;
    }
    const keyRows = rows.map((row) => matching.keyView(row));
    const matches = await matching.matches(keyRows);
    await this.inSlices(rows.length, (index) => {
      const row = rows[index];
      const prepared = prepareRecord(row, this.spec, this.lookupContext);
      prepared.key = matchKeyOf(keyRows[index], matchBy.source);
      const found = prepared.key === null ? undefined : matches.get(prepared.key);
      // A waiting record keeps its key fields: an insert of it that fails in transit is checked by them.
      if (prepared.waitingFor.length > 0 && !prepared.failure) this.queue.hold({ prepared, matches: found, keyFields: matching.keyFieldsOf(row) });
      else this.decide(prepared, found, row);
    });
  }

  /**
   * Handles a page's records a batch at a time, sending each full batch before going on and yielding to the
   * event loop between batches. A page is 2,000 records (10,000 from Bulk API): handled in one go, it holds the
   * process for tens of milliseconds while the answers of other requests wait, and the run's gate keeps their
   * slots until it has seen them (on the 100,000-record benchmark the org saw up to six of its twenty-five slots
   * idle in the first seconds; handled a batch at a time, the run takes about 0.1 s less). Inserts of an object
   * with a master-detail parent are grouped by parent when sent (see lockGroups): they go when the page is done.
   */
  private async inSlices(count: number, handle: (index: number) => void): Promise<void> {
    const slice = this.lockParent ? count : this.batchSize;
    for (let start = 0; start < count; start += slice) {
      if (start > 0) await nextTurn();
      for (let index = start; index < Math.min(count, start + slice); index++) handle(index);
      this.flush(false);
    }
  }

  /**
   * An insert-only object (no match key) matches nothing: every record is inserted, except records this run
   * already has in the target (an earlier attempt inserted them: a resume re-reads the whole object) and
   * in-doubt records of a crashed attempt that are found in the target (adopted).
   */
  private async handleInsertOnlyPage(rows: SObjectRow[]): Promise<void> {
    // Records are prepared up front only when in-doubt inserts of a crashed attempt are searched for first.
    const prepared = this.spec.inDoubt && this.adoption ? rows.map((row) => prepareRecord(row, this.spec, this.lookupContext)) : undefined;
    const adopted = prepared ? await this.adoptInDoubt(prepared) : new Set<string>();
    await this.inSlices(rows.length, (index) => {
      const record = prepared?.[index] ?? prepareRecord(rows[index], this.spec, this.lookupContext);
      if (adopted.has(record.sourceId)) return;
      const known = record.failure ? undefined : this.context.idMap.get(record.sourceId);
      if (known !== undefined) {
        this.counts.unchanged++;
        this.journalOutcome({ kind: 'unchanged', targetId: known }, record);
        this.mapped(record.sourceId, known);
      } else if (record.waitingFor.length > 0 && !record.failure) this.queue.hold({ prepared: record, matches: undefined, keyFields: { Id: record.sourceId } });
      else this.decide(record, undefined, rows[index]);
    });
  }

  /**
   * A resume: records of this page whose insert a crash left in doubt are searched in the target (created by
   * the running user since their batch started, same values); those found are the run's inserts, journaled
   * as such (rollback deletes them) and not sent again.
   */
  private async adoptInDoubt(prepared: PreparedRecord[]): Promise<Set<string>> {
    const inDoubt = this.spec.inDoubt;
    const adopted = new Set<string>();
    if (!inDoubt || !this.adoption) return adopted;
    const byBatch = new Map<string, { at: string; records: Array<WrittenRecord & { prepared: PreparedRecord }> }>();
    for (const record of prepared) {
      const doubt = inDoubt.inserts.get(record.sourceId.slice(0, 15));
      if (!doubt || record.failure || record.waitingFor.length > 0 || this.context.idMap.has(record.sourceId)) continue;
      const decision = classify(record, undefined, { insert: true, update: false }, this.spec.fields);
      if (decision.kind !== 'insert') continue;
      const group = byBatch.get(doubt.batch) ?? { at: doubt.at, records: [] };
      group.records.push({ sourceId: record.sourceId, values: decision.values, prepared: record });
      byBatch.set(doubt.batch, group);
    }
    for (const [batch, group] of byBatch) {
      const found = await this.adoption.adopt(group.records, new Date(group.at), false);
      if (found.size === 0) continue;
      const name = `${batch}:adopted`;
      for (const record of group.records) {
        const targetId = found.get(record.sourceId);
        if (!targetId) continue;
        adopted.add(record.sourceId);
        this.context.onNote(this.name, SETTLED_NOTES.inserted);
        this.context.journal.append({ type: 'record', batch: name, object: this.name, operation: 'insert', sourceId: record.sourceId, targetId, ok: true, created: true });
        this.afterInsert({ sourceId: record.sourceId, values: record.values, deferred: record.prepared.deferred, row: { Id: record.sourceId } }, { sourceId: record.sourceId, targetId, ok: true, created: true });
      }
      this.context.journal.append({ type: 'batchEnd', at: new Date().toISOString(), batch: name });
    }
    return adopted;
  }

  /** Resolves, once per page, lookups whose parents are not in the id map: by match key in the target. */
  private async resolveOutsideReferences(rows: SObjectRow[]): Promise<void> {
    const byObject = new Map<string, Set<string>>();
    for (const row of rows) {
      for (const field of this.parentLookups) {
        const value = row[field.name];
        if (typeof value !== 'string' || this.context.idMap.has(value)) continue;
        const object = parentObjectOf(field, value, (id) => this.context.objectOfId(id));
        if (!byObject.has(object)) byObject.set(object, new Set());
        byObject.get(object)!.add(value);
      }
    }
    // Objects side by side (record types and owners of a page): their round trips overlap.
    const lookups = [...byObject].filter(([object]) => this.context.keysOf(object).length > 0);
    await Promise.all(lookups.map(([object, ids]) => this.context.resolver.resolve(object, ids)));
  }

  private decide(prepared: PreparedRecord, allMatches: SObjectRow[] | undefined, row: SObjectRow | undefined): void {
    const matches = ownMatches(prepared.sourceId, allMatches, {
      idMap: this.context.idMap,
      claimed: this.context.claimedTargets,
      insertInDoubt: this.inDoubt.insertInDoubt(prepared.sourceId),
    });
    const decision = classify(prepared, matches, this.spec.object, this.spec.fields);
    this.collectDeferred(prepared, decision, matches?.[0]);
    // Found in the target after an earlier attempt wrote it in doubt: that write was this run's.
    const settled = this.inDoubt.settle(prepared.sourceId, decision, prepared.values);
    if (settled) this.context.onNote(this.name, SETTLED_NOTES[settled]);
    switch (decision.kind) {
      case 'insert':
        this.inserts.push({
          sourceId: prepared.sourceId,
          values: this.withUpsertKey(decision.values, row),
          deferred: prepared.deferred,
          row: row && this.matching ? this.matching.keyFieldsOf(row) : { Id: prepared.sourceId },
          ...(this.inDoubt.insertInDoubt(prepared.sourceId) ? { insertInDoubt: true } : {}),
        });
        break;
      case 'update':
        this.mapped(prepared.sourceId, decision.targetId);
        this.updates.push({
          sourceId: prepared.sourceId,
          targetId: decision.targetId,
          values: decision.changes,
          before: decision.before,
          ...(settled === 'inserted' ? { adopted: true } : {}),
        });
        break;
      case 'unchanged':
      case 'skipped':
        this.counts[settled ?? decision.kind]++;
        if (decision.targetId) this.mapped(prepared.sourceId, decision.targetId);
        else this.failedParent(prepared.sourceId);
        if (!settled) this.journalOutcome(decision, prepared);
        break;
      case 'failed':
        this.counts.failed++;
        this.failedParent(prepared.sourceId);
        this.journalOutcome(decision, prepared);
        break;
    }
    for (const note of prepared.notes) this.context.onNote(this.name, note);
  }

  private journalOutcome(decision: Decision, prepared: PreparedRecord): void {
    if (decision.kind !== 'skipped' && decision.kind !== 'failed' && decision.kind !== 'unchanged') return;
    // Unchanged records are journaled too: the journal holds the whole source-id -> target-id map of the run.
    this.context.journal.append({
      type: 'outcome',
      object: this.name,
      sourceId: prepared.sourceId,
      targetId: decision.targetId,
      kind: decision.kind,
      ...(decision.kind === 'skipped' ? { reason: decision.reason } : {}),
      ...(decision.kind === 'failed' ? { error: decision.error, values: prepared.values } : {}),
    });
    if (decision.kind === 'failed') this.context.onFailure(this.name, decision.error.statusCode);
  }

  private collectDeferred(prepared: PreparedRecord, decision: Decision, match: SObjectRow | undefined): void {
    if (prepared.deferred.length === 0 || decision.kind === 'failed') return;
    // Inserted records get their lookups once their ids are known (see afterInsert).
    if (decision.kind === 'insert') return;
    if (decision.kind === 'skipped' && !this.spec.object.update) return;
    const targetId = 'targetId' in decision ? decision.targetId : null;
    if (!targetId) return;
    const current: Record<string, unknown> = {};
    for (const lookup of prepared.deferred) {
      current[lookup.field] = match?.[lookup.field] ?? null;
      this.context.deferred.push({ object: this.name, sourceId: prepared.sourceId, targetId, ...lookup, current: current[lookup.field] });
    }
    // Journaled so that a retry or resume can finish the update pass without re-reading the source.
    this.context.journal.append({ type: 'deferred', object: this.name, sourceId: prepared.sourceId, targetId, lookups: prepared.deferred, current });
  }

  /** The record is in the target: remember its id and release the records (of any object) that waited for it. */
  private mapped(sourceId: string, targetId: string): void {
    this.context.idMap.set(sourceId, targetId);
    for (const waiting of this.queue.release(sourceId, targetId)) this.decideWaiting(waiting);
    this.context.arrivals?.arrivedRecord(sourceId);
  }

  private failedParent(sourceId: string): void {
    this.failedSources.add(sourceId.slice(0, 15));
    for (const waiting of this.queue.release(sourceId, null)) this.decideWaiting(waiting);
  }

  private decideWaiting(waiting: WaitingRecord): void {
    this.decide(waiting.prepared, waiting.matches, waiting.keyFields);
  }

  /** Sends full batches (or everything, at the end) without waiting for them. */
  private flush(all: boolean): void {
    const size = this.batchSize;
    if (this.lockParent && this.inserts.length > size) this.inserts = groupByParent(this.inserts, this.lockParent);
    while (this.inserts.length >= size || (all && this.inserts.length > 0)) this.track(this.inserts.splice(0, size), (items) => this.sendInserts(items));
    while (this.updates.length >= size || (all && this.updates.length > 0)) this.track(this.updates.splice(0, size), (items) => this.sendUpdates(items));
  }

  private track<T extends WriteItem>(items: T[], send: (items: T[]) => Promise<void>): void {
    const promise = send(items);
    const counter = this.onBulk ? this.context.bulk!.inFlight : this.context.unwritten;
    this.inflight.add(promise);
    this.inflightRecords += items.length;
    if (counter) counter.records += items.length;
    const forget = (): void => {
      this.inflight.delete(promise);
      this.inflightRecords -= items.length;
      if (counter) counter.records -= items.length;
    };
    // Kept, not only forgotten: a batch may fail while nothing awaits it, and the object must still stop with it.
    promise.then(forget, (error: unknown) => {
      this.batchFailure ??= { error };
      forget();
    });
  }

  /** Throws the failure of a batch sent earlier, if one failed. */
  private throwBatchFailure(): void {
    if (this.batchFailure) throw this.batchFailure.error;
  }

  /** Waits until nothing is buffered or in flight (writes release waiting children, which buffer more). */
  private async settle(): Promise<void> {
    for (;;) {
      this.throwBatchFailure();
      this.flush(true);
      if (this.inflight.size === 0) return;
       
      await Promise.all([...this.inflight]);
    }
  }

  private async sendInserts(items: InsertItem[]): Promise<void> {
    // Before the batch's own start time: an in-doubt search from here on only widens its window.
    const startedAt = new Date();
    this.adoption?.sendStarted();
    let outcomes: WriteOutcome[];
    try {
      outcomes = await this.writer.write({
        object: this.name,
        operation: this.upsertField ? 'upsert' : 'insert',
        externalIdField: this.upsertField,
        correlationField: this.correlationField,
        items,
        verifyInserted: (sent) => this.verifyInserted(sent as InsertItem[], startedAt),
      });
      // Claimed before the batch counts as returned: an adoption waiting for it must see these ids as taken.
      for (const outcome of outcomes) if (outcome.ok && outcome.targetId) this.adoption?.claim(outcome.targetId, outcome.sourceId);
    } finally {
      this.adoption?.sendEnded();
    }
    outcomes.forEach((outcome, index) => this.afterInsert(items[index], outcome));
    // Children this batch released (self-references) leave as soon as they fill a batch, without waiting
    // for the next source page or for every batch in flight: a hierarchy's levels overlap.
    this.flush(false);
    this.progress('syncing');
  }

  private afterInsert(item: InsertItem, outcome: WriteOutcome): void {
    if (!outcome.ok || !outcome.targetId) {
      this.counts.failed++;
      this.context.onFailure(this.name, outcome.error?.statusCode ?? 'UNKNOWN_EXCEPTION');
      this.failedParent(item.sourceId);
      return;
    }
    this.counts[outcome.created ? 'inserted' : 'updated']++;
    const targetId = outcome.targetId;
    if (item.deferred.length > 0) {
      this.context.journal.append({ type: 'deferred', object: this.name, sourceId: item.sourceId, targetId, lookups: item.deferred });
      for (const lookup of item.deferred) {
        this.context.deferred.push({ object: this.name, sourceId: item.sourceId, targetId, ...lookup, current: null });
      }
    }
    this.mapped(item.sourceId, targetId);
  }

  private async sendUpdates(items: UpdateItem[]): Promise<void> {
    const outcomes = await this.writer.write({ object: this.name, operation: 'update', items });
    outcomes.forEach((outcome, index) => {
      if (outcome.ok) this.counts[items[index].adopted ? 'inserted' : 'updated']++;
      else {
        this.counts.failed++;
        this.context.onFailure(this.name, outcome.error?.statusCode ?? 'UNKNOWN_EXCEPTION');
      }
    });
    this.progress('syncing');
  }

  /**
   * After an insert failed in transit: which of its records are in the target now? By match key; for an
   * insert-only object, among the records the running user created since the batch started, by their values.
   */
  private async verifyInserted(items: InsertItem[], startedAt: Date): Promise<Map<string, string>> {
    if (!this.matching) {
      return this.adoption!.adopt(items.map((item) => ({ sourceId: item.sourceId, values: item.values })), startedAt, true);
    }
    return this.matching.findInserted(items.map((item) => item.row));
  }

  /**
   * Records still waiting when the source is exhausted wait for parents that this run did not bring: filtered
   * out of the source query (find them in the target by match key), or failed (the child fails too).
   */
  private async drainWaiting(): Promise<void> {
    for (;;) {
      const waiting = this.queue.drainAll();
      if (waiting.size === 0) return;
      const parents = [...waiting.keys()].filter((id) => !this.failedSources.has(id));
       
      await this.context.resolver.resolve(this.name, parents);
      for (const [parentId, records] of waiting) {
        const targetId = this.failedSources.has(parentId) ? null : (this.context.resolver.cached(parentId) ?? null);
        for (const record of records) this.queue.hold(record);
        for (const ready of this.queue.release(parentId, targetId)) this.decideWaiting(ready);
      }
       
      await this.settle();
    }
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

  private progress(status: 'syncing' | 'done'): void {
    this.context.onProgress({ object: this.name, status, counts: { ...this.counts }, elapsedMs: Date.now() - this.started });
  }
}

/** Inserts become upserts on the target's external id when the match key is one: idempotent, so a resend is safe. */
function upsertFieldOf(spec: ObjectSyncSpec): string | undefined {
  const target = spec.object.matchBy?.target;
  if (!target || target.length !== 1 || target[0] === 'Id') return undefined;
  const field = spec.target.fields.find((candidate) => candidate.name === target[0]);
  return field?.externalId ? field.name : undefined;
}
