import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SObjectRow } from '../api/queryPages.js';
import type { ObjectCounts } from '../journal/runMeta.js';
import type { DescribeField } from '../schema/describeTypes.js';
import { classify } from './classify.js';
import { matchKeyOf } from '../scan/matchKey.js';
import { ownMatches } from './ownMatches.js';
import { parentLookups, parentObjectOf, prepareRecord, type LookupContext, type ObjectSyncSpec, type PreparedRecord } from '../transform/recordTransformer.js';
import type { EngineRun } from './engineRun.js';
import { InDoubtResolver } from './inDoubtResolver.js';
import { SETTLED_NOTES } from './inDoubtSettlement.js';
import { ObjectWriter } from './objectWriter.js';
import { OutcomeRecorder } from './outcomeRecorder.js';
import type { WaitingRecord } from './selfReferenceQueue.js';
import { LOAD_PHASES, type SourcePart } from './sourceQuery.js';
import { readSource } from './sourceReader.js';
import { TargetMatching } from './targetMatching.js';
import { WaitingRoom } from './waitingRoom.js';

/** Ids per retry query: 500 quoted 18-character ids stay far below SOQL's 100,000 characters. */
const RETRY_IDS_PER_QUERY = 500;

/**
 * Syncs one object: reads the source page by page, lets rows wait for their parents (WaitingRoom), matches
 * each page in the target (TargetMatching), classifies every record, and hands the decisions to its
 * ObjectWriter, which sends them in batches; what each record came to goes to the OutcomeRecorder, and writes
 * an earlier attempt left in doubt are settled by the InDoubtResolver.
 */
export class ObjectSync {
  private readonly lookupContext: LookupContext;
  /** How records are found in the target (absent for an insert-only object, which matches nothing). */
  private readonly matching: TargetMatching | undefined;
  private readonly writer: ObjectWriter;
  private readonly outcomes: OutcomeRecorder;
  private readonly waiting: WaitingRoom;
  private readonly inDoubt: InDoubtResolver;
  /** The lookups whose parents must be in the target first (see parentLookups). */
  private readonly parentLookups: readonly DescribeField[];

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
      isInsertOnly: (object) => config.templateObjects.has(object) && services.keysOf(object).length === 0,
    };
    this.matching = spec.object.matchBy ? new TargetMatching(spec, spec.object.matchBy, engine) : undefined;
    this.parentLookups = parentLookups(spec);
    this.inDoubt = new InDoubtResolver(spec, engine, this.matching);
    this.waiting = new WaitingRoom(spec, engine, {
      handlePage: (rows) => this.handlePage(rows),
      decide: (waiting) => this.decideWaiting(waiting),
      matchingCostsQueries: () => this.matching?.costsQueries === true,
      settle: () => this.writer.settle(),
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
    await this.matching?.prepare();
    await this.writer.choose();
    for (const phase of LOAD_PHASES[this.name] ?? [undefined]) {
      for (const part of this.sourceParts(phase)) {
        for await (const page of readSource(this.engine, this.spec, part)) {
          await this.waiting.admit(page);
          await this.backpressure();
        }
      }
      await this.waiting.parentsFinal();
      // A phase is complete in the target before the next one starts.
      await this.writer.settle();
    }
    await this.writer.settle();
    await this.waiting.drain();
    await this.writer.settle();
  }

  /** One query for the object, or (a retry) one per chunk of the records to re-read. */
  private sourceParts(phase: string | undefined): SourcePart[] {
    const ids = this.spec.onlySourceIds;
    if (!ids) return [{ phase }];
    const chunks: SourcePart[] = [];
    for (let start = 0; start < ids.length; start += RETRY_IDS_PER_QUERY) chunks.push({ ids: ids.slice(start, start + RETRY_IDS_PER_QUERY), phase });
    return chunks;
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
      if (prepared.waitingFor.length > 0 && !prepared.failure) this.waiting.hold({ prepared, matches: found, keyFields: matching.keyFieldsOf(row) });
      else this.decide(prepared, found, row);
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

  /**
   * An insert-only object (no match key) matches nothing: every record is inserted, except records this run
   * already has in the target (an earlier attempt inserted them: a resume re-reads the whole object) and
   * in-doubt records of a crashed attempt that are found in the target (adopted).
   */
  private async handleInsertOnlyPage(rows: SObjectRow[]): Promise<void> {
    // Records are prepared up front only when in-doubt inserts of a crashed attempt are searched for first.
    const prepared = this.inDoubt.adoptsPages ? rows.map((row) => prepareRecord(row, this.spec, this.lookupContext)) : undefined;
    const adopted = prepared
      ? await this.inDoubt.adoptPage(prepared, (record, targetId) => {
          this.outcomes.note(SETTLED_NOTES.inserted);
          this.outcomes.inserted({ sourceId: record.sourceId, values: {}, deferred: record.deferred, row: { Id: record.sourceId } }, { sourceId: record.sourceId, targetId, ok: true, created: true });
        })
      : new Set<string>();
    await this.inSlices(rows.length, (index) => {
      const record = prepared?.[index] ?? prepareRecord(rows[index], this.spec, this.lookupContext);
      if (adopted.has(record.sourceId)) return;
      const known = record.failure ? undefined : this.engine.state.idMap.get(record.sourceId);
      if (known !== undefined) {
        this.outcomes.count('unchanged');
        this.outcomes.journalOutcome({ kind: 'unchanged', targetId: known }, record);
        this.outcomes.mapped(record.sourceId, known);
      } else if (record.waitingFor.length > 0 && !record.failure) this.waiting.hold({ prepared: record, matches: undefined, keyFields: { Id: record.sourceId } });
      else this.decide(record, undefined, rows[index]);
    });
  }

  /** Resolves, once per page, lookups whose parents are not in the id map: by match key in the target. */
  private async resolveOutsideReferences(rows: SObjectRow[]): Promise<void> {
    const { idMap } = this.engine.state;
    const { objectOfId, keysOf, resolver } = this.engine.services;
    const byObject = new Map<string, Set<string>>();
    for (const row of rows) {
      for (const field of this.parentLookups) {
        const value = row[field.name];
        if (typeof value !== 'string' || idMap.has(value)) continue;
        const object = parentObjectOf(field, value, (id) => objectOfId(id));
        if (!byObject.has(object)) byObject.set(object, new Set());
        byObject.get(object)!.add(value);
      }
    }
    // Objects side by side (record types and owners of a page): their round trips overlap.
    const lookups = [...byObject].filter(([object]) => keysOf(object).length > 0);
    await Promise.all(lookups.map(([object, ids]) => resolver.resolve(object, ids)));
  }

  private decide(prepared: PreparedRecord, allMatches: SObjectRow[] | undefined, row: SObjectRow | undefined): void {
    const matches = ownMatches(prepared.sourceId, allMatches, {
      idMap: this.engine.state.idMap,
      claimed: this.engine.state.claimedTargets,
      insertInDoubt: this.inDoubt.insertInDoubt(prepared.sourceId),
    });
    const decision = classify(prepared, matches, this.spec.object, this.spec.fields);
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
            row: row && this.matching ? this.matching.keyFieldsOf(row) : { Id: prepared.sourceId },
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
    this.decide(waiting.prepared, waiting.matches, waiting.keyFields);
  }
}
