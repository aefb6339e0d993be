import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SObjectRow } from '../api/queryPages.js';
import type { ObjectCounts } from '../journal/runMeta.js';
import type { DescribeField } from '../schema/describeTypes.js';
import { classify } from './classify.js';
import { ownMatches } from './ownMatches.js';
import { parentLookups, parentObjectOf, prepareRecord, type LookupContext, type ObjectSyncSpec, type PreparedRecord } from '../transform/recordTransformer.js';
import { shortId } from '../util/shortId.js';
import type { EngineRun } from './engineRun.js';
import { InDoubtResolver } from './inDoubtResolver.js';
import { SETTLED_NOTES } from './inDoubtSettlement.js';
import { ObjectWriter } from './objectWriter.js';
import { OutcomeRecorder } from './outcomeRecorder.js';
import type { MatchedVia, WaitingRecord } from './selfReferenceQueue.js';
import { LOAD_PHASES, type SourcePart } from './sourceQuery.js';
import { readSource } from './sourceReader.js';
import { RecordMatching } from './recordMatching.js';
import { transformPage } from '../transform/rowTransform.js';
import { isInsertOnly } from '../template/syncTemplate.js';
import { WaitingRoom } from './waitingRoom.js';

/** Ids per retry query: 500 quoted 18-character ids stay far below SOQL's 100,000 characters. */
const RETRY_IDS_PER_QUERY = 500;

/**
 * Syncs one object: reads the source page by page, lets rows wait for their parents (WaitingRoom), matches
 * each page in the target (TargetMatching), classifies every record, and hands the decisions to its
 * ObjectWriter, which sends them in batches; what each record came to goes to the OutcomeRecorder, and writes
 * an earlier attempt left in doubt are settled by the InDoubtResolver.
 */
/** The most records of a delta whose ids an object keeps to release the children of the others (see readAll). */
const KEPT_READ_IDS = 50_000;

export class ObjectSync {
  private readonly lookupContext: LookupContext;
  /** How records are found in the target: by history, by key (an insert-only object finds nothing). */
  private readonly matching: RecordMatching;
  private readonly writer: ObjectWriter;
  private readonly outcomes: OutcomeRecorder;
  private readonly waiting: WaitingRoom;
  private readonly inDoubt: InDoubtResolver;
  /** Records whose transformations failed (source id -> why): they fail when decided. */
  private readonly transformProblems = new Map<string, string>();
  /**
   * The lookups whose parents a page looks up in the target: those that must be in the target first (see
   * parentLookups), and for a delta the deferred ones and self-references too, whose parents it mostly did not
   * read: found with the page's, rather than a round trip more by the deferred pass or resolveUnread.
   */
  private readonly lookedUp: readonly DescribeField[];

  public constructor(
    private readonly spec: ObjectSyncSpec,
    private readonly engine: EngineRun
  ) {
    const { config, services, state } = engine;
    this.lookupContext = {
      idMap: state.idMap,
      templateObjects: config.templateObjects,
      objectOfId: (id) => services.objectOfId(id),
      resolved: (id) => services.resolver.cached(id),
      targetUserId: config.targetUserId,
      isInsertOnly: (object) => config.insertOnlyObjects.has(object),
    };
    this.matching = new RecordMatching(spec, engine);
    const laterInDelta = (field: DescribeField): boolean => spec.deferredLookups.has(field.name) || spec.selfReferences.has(field.name);
    this.lookedUp = [...parentLookups(spec), ...(spec.modifiedSince ? spec.fields.filter(laterInDelta) : [])];
    this.inDoubt = new InDoubtResolver(spec, engine, this.matching.byKey);
    this.waiting = new WaitingRoom(spec, engine, {
      handlePage: (rows) => this.handlePage(rows),
      readAhead: (rows) => this.readAhead(rows),
      decide: (waiting) => this.decideWaiting(waiting),
      matchingCostsQueries: () => this.matching.costsQueries,
      settle: () => this.writer.settle(),
      flush: () => this.writer.flush(true),
    });
    this.outcomes = new OutcomeRecorder(spec.object.name, engine, (sourceId, targetId) => this.waiting.arrived(sourceId, targetId));
    this.writer = new ObjectWriter(spec, engine, {
      verifyInserted: (items, startedAt) => this.inDoubt.verifyInserted(items, startedAt),
      sendStarted: () => this.inDoubt.sendStarted(),
      sendEnded: (outcomes) => this.inDoubt.sendEnded(outcomes),
      inserted: (items, outcomes) => {
        outcomes.forEach((outcome, index) => this.outcomes.inserted(items[index], outcome));
        this.outcomes.progress('syncing');
      },
      updated: (items, outcomes) => {
        outcomes.forEach((outcome, index) => this.outcomes.updated(items[index], outcome));
        this.outcomes.progress('syncing');
      },
    });
  }

  private get name(): string {
    return this.spec.object.name;
  }

  public async run(): Promise<ObjectCounts> {
    this.outcomes.progress('syncing');
    try {
      await this.load();
    } catch (error) {
      // The batches already sent finish and journal their outcomes before the run ends.
      await this.writer.window.allSettled();
      throw error;
    }
    this.outcomes.progress('done');
    return this.outcomes.counts;
  }

  private async load(): Promise<void> {
    await this.matching.prepare();
    await this.writer.choose();
    const phases = LOAD_PHASES[this.name] ?? [undefined];
    const read = await this.readIdsKept(phases.length);
    for (const phase of phases) {
      for (const part of this.sourceParts(phase)) {
        for await (const page of readSource(this.engine, this.spec, part)) {
          for (const row of read ? page : []) read!.add(shortId(String(row.Id)));
          await this.waiting.admit(this.transformed(page));
          await this.backpressure();
        }
      }
      // Children waiting for a record this delta did not read go on now: of other objects (see readAll), and
      // of this one (see resolveUnread), side by side with the rows held for parents.
      if (read) this.engine.state.arrivals?.readAll(this.name, read);
      const unread = read ? this.waiting.resolveUnread(read) : undefined;
      unread?.catch(() => undefined);
      await this.waiting.parentsFinal();
      await unread;
      // A phase is complete in the target before the next one starts.
      await this.writer.settle();
    }
    await this.writer.settle();
    await this.waiting.drain();
    await this.writer.settle();
  }

  /**
   * The ids of a delta's read kept, to tell the objects that look this one up which records it brings: only
   * for a delta (a few records, counted), read in one phase, whole (not a retry of some records).
   */
  private async readIdsKept(phases: number): Promise<Set<string> | undefined> {
    if (!this.spec.modifiedSince || this.spec.onlySourceIds || phases > 1 || !this.engine.state.arrivals) return undefined;
    return (await this.engine.services.counts.source(this.name)) <= KEPT_READ_IDS ? new Set() : undefined;
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
   * The page as the target sees it (the template's transformations applied: see rowTransform.ts), before its
   * rows wait for parents or are matched: a mapped lookup waits for its parent like any other.
   */
  private transformed(page: SObjectRow[]): SObjectRow[] {
    const { rows, problems } = transformPage(this.spec.transform, page);
    for (const [sourceId, problem] of problems ?? []) this.transformProblems.set(sourceId, problem);
    return rows;
  }

  /** Streaming: reading stops while rows wait for parents or more is in flight than the writers can take. */
  private async backpressure(): Promise<void> {
    const { window } = this.writer;
    for (;;) {
      window.throwIfFailed();
      if (await this.waiting.holdsReading()) continue;
      if (!window.isFull(this.waiting.waitingRecords)) return;
      await window.oneDone();
      await this.waiting.handleReleased(false);
    }
  }

  /**
   * Matches a page in the target (history, then key) and decides each record. An object without a key finds
   * in-doubt inserts of a crashed attempt by creator, time and values first (adopted, not sent again); an
   * insert-only object also takes the records this run already holds as unchanged (a resume re-reads it all).
   */
  private async handlePage(rows: SObjectRow[]): Promise<void> {
    const prepare = (row: SObjectRow): PreparedRecord => prepareRecord(row, this.spec, this.lookupContext, this.transformProblems.get(String(row.Id)));
    // The page's parents outside the id map are looked up while it is matched (see matchPage): both leave in
    // the same round trip, and their queries share Composite calls.
    const references = this.resolveOutsideReferences(rows);
    let prepared: PreparedRecord[] | undefined;
    if (this.inDoubt.adoptsPages) {
      // Adoption compares prepared records, whose lookups need their parents' target ids.
      await references;
      prepared = rows.map(prepare);
    }
    const adopted = prepared ? await this.adoptInDoubt(prepared) : new Set<string>();
    const pending = adopted.size === 0 ? rows : rows.filter((row) => !adopted.has(String(row.Id)));
    const pendingPrepared = adopted.size === 0 ? prepared : prepared?.filter((record) => !adopted.has(record.sourceId));
    const matched = await this.matching.matchPage(pending, references);
    const insertOnly = isInsertOnly(this.spec.object);
    await this.inSlices(pending.length, (index) => {
      const row = pending[index];
      const { found, via, key } = matched[index];
      const record = pendingPrepared?.[index] ?? prepare(row);
      record.key = key;
      const known = insertOnly && !record.failure ? this.engine.state.idMap.get(record.sourceId) : undefined;
      if (known !== undefined) {
        this.outcomes.count('unchanged');
        this.outcomes.journalOutcome({ kind: 'unchanged', targetId: known }, record);
        this.outcomes.mapped(record.sourceId, known);
      } else if (record.waitingFor.length > 0 && !record.failure) {
        // A waiting record keeps its key fields: an insert of it that fails in transit is checked by them.
        this.waiting.hold({ prepared: record, matches: found, via, keyFields: this.matching.keyFieldsOf(row) });
      } else this.decide(record, found, row, via);
    });
  }

  /**
   * Handles a page's records a batch at a time, sending each full batch before going on and yielding to the
   * event loop between batches: handled in one go, a page holds the process while the answers of other
   * requests wait, and the run's gate keeps their slots until it has seen them. Inserts of an object with a
   * master-detail parent are grouped by parent when sent (see lockGroups): they go when the page is done.
   */
  private async inSlices(count: number, handle: (index: number) => void): Promise<void> {
    const slice = this.writer.lockParent ? count : this.writer.batchSize;
    for (let start = 0; start < count; start += slice) {
      if (start > 0) await nextTurn();
      for (let index = start; index < Math.min(count, start + slice); index++) handle(index);
      this.writer.flush(false);
    }
  }

  /** A resume of an object without a key: its in-doubt inserts found in the target are the run's (journaled). */
  private adoptInDoubt(prepared: PreparedRecord[]): Promise<Set<string>> {
    return this.inDoubt.adoptPage(prepared, (record, targetId) => {
      this.outcomes.note(SETTLED_NOTES.inserted);
      this.outcomes.inserted({ sourceId: record.sourceId, values: {}, deferred: record.deferred, row: { Id: record.sourceId } }, { sourceId: record.sourceId, targetId, ok: true, created: true });
    });
  }

  /**
   * A delta's rows held for parents that this run changes (a Contact of an updated Account) read, while their
   * parents are matched, what they will need once released: their own history matches and their other
   * parents, found in the target. Released, they are then decided at once (see RecordMatching.prefetch).
   */
  private readAhead(rows: SObjectRow[]): void {
    this.matching.prefetch(rows);
    // The parents they wait for too: most are records the delta did not read, which they would look up once
    // released. A failure is met again then.
    this.resolveOutsideReferences(rows).catch(() => undefined);
  }

  /** Resolves, once per page, lookups whose parents are not in the id map: by match key in the target. */
  private async resolveOutsideReferences(rows: SObjectRow[]): Promise<void> {
    const { idMap } = this.engine.state;
    const { objectOfId, resolver } = this.engine.services;
    const byObject = new Map<string, Set<string>>();
    for (const row of rows) {
      for (const field of this.lookedUp) {
        const value = row[field.name];
        if (typeof value !== 'string' || idMap.has(value)) continue;
        const object = parentObjectOf(field, value, (id) => objectOfId(id));
        if (!byObject.has(object)) byObject.set(object, new Set());
        byObject.get(object)!.add(value);
      }
    }
    // Objects side by side (record types and owners of a page): their round trips overlap.
    const lookups = [...byObject].filter(([object]) => resolver.canResolve(object));
    await Promise.all(lookups.map(([object, ids]) => resolver.resolve(object, ids)));
  }

  private decide(prepared: PreparedRecord, allMatches: SObjectRow[] | undefined, row: SObjectRow | undefined, via: MatchedVia): void {
    const matches = ownMatches(prepared.sourceId, allMatches, {
      idMap: this.engine.state.idMap,
      claimed: this.engine.state.claimedTargets,
      insertInDoubt: this.inDoubt.insertInDoubt(prepared.sourceId),
    });
    const decision = classify(prepared, matches, this.spec.object, this.spec.fields);
    if (via && decision.kind !== 'failed' && decision.kind !== 'insert') this.outcomes.matchedBy(via);
    this.outcomes.collectDeferred(prepared, decision, matches?.[0], this.spec.object.update);
    // Found in the target after an earlier attempt wrote it in doubt: that write was this run's.
    const settled = this.inDoubt.settle(prepared, decision, (note) => this.outcomes.note(note));
    switch (decision.kind) {
      case 'insert':
        this.writer.addInsert(
          {
            sourceId: prepared.sourceId,
            values: decision.values,
            deferred: prepared.deferred,
            row: row ? this.matching.keyFieldsOf(row) : { Id: prepared.sourceId },
            ...(this.inDoubt.insertInDoubt(prepared.sourceId) ? { insertInDoubt: true } : {}),
          },
          row
        );
        break;
      case 'update':
        this.outcomes.mapped(prepared.sourceId, decision.targetId);
        this.writer.addUpdate({
          sourceId: prepared.sourceId,
          targetId: decision.targetId,
          values: decision.changes,
          before: decision.before,
          ...(settled === 'inserted' ? { adopted: true } : {}),
        });
        break;
      case 'unchanged':
      case 'skipped':
        this.outcomes.count(settled ?? decision.kind);
        if (decision.targetId) this.outcomes.mapped(prepared.sourceId, decision.targetId);
        else this.outcomes.failedParent(prepared.sourceId);
        if (!settled) this.outcomes.journalOutcome(decision, prepared);
        break;
      case 'failed':
        this.outcomes.count('failed');
        this.outcomes.failedParent(prepared.sourceId);
        this.outcomes.journalOutcome(decision, prepared);
        break;
    }
    for (const note of prepared.notes) this.outcomes.note(note);
  }

  private decideWaiting(waiting: WaitingRecord): void {
    this.decide(waiting.prepared, waiting.matches, waiting.keyFields, waiting.via);
  }
}
