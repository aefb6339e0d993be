import { classify, type Decision } from './classify.js';
import type { WrittenRecord } from '../scan/createdSinceMatcher.js';
import { InsertOnlyAdoption } from '../scan/insertOnlyAdoption.js';
import type { ObjectSyncSpec, PreparedRecord } from '../transform/recordTransformer.js';
import { shortId } from '../util/shortId.js';
import type { WriteOutcome } from './writeTypes.js';
import type { EngineRun } from './engineRun.js';
import { InDoubtSettlement, SETTLED_NOTES, type Settled } from './inDoubtSettlement.js';
import type { InsertItem } from './objectWriter.js';
import type { TargetMatching } from './targetMatching.js';

/**
 * One object's answers to "did that write get in?": for an insert that failed in transit (by match key, or
 * for an insert-only object by creator, creation time and values), and, in a resume or retry, for the writes
 * an earlier attempt left in doubt (settled when the record is found, see InDoubtSettlement).
 */
export class InDoubtResolver {
  private readonly settlement: InDoubtSettlement;
  /** Insert-only objects (no match key): finds in the target what in-doubt inserts saved. */
  private readonly adoption: InsertOnlyAdoption | undefined;

  public constructor(
    private readonly spec: ObjectSyncSpec,
    private readonly run: EngineRun,
    private readonly matching: TargetMatching | undefined
  ) {
    const { journal, target } = run.services;
    this.settlement = new InDoubtSettlement(spec.object.name, spec.inDoubt, journal, run.state.claimedTargets);
    const inDoubt = spec.inDoubt;
    this.adoption = spec.object.matchBy
      ? undefined
      : new InsertOnlyAdoption(
          { target, object: spec.target.name, userId: run.config.targetUserId, fields: spec.fields },
          inDoubt ? (id): boolean => inDoubt.isClaimed(id) : undefined
        );
  }

  /** Whether insert-only records must be searched in the target before their page is sent (a resume). */
  public get adoptsPages(): boolean {
    return this.spec.inDoubt !== undefined && this.adoption !== undefined;
  }

  public insertInDoubt(sourceId: string): boolean {
    return this.settlement.insertInDoubt(sourceId);
  }

  /** A record found in the target: what an earlier attempt's write in doubt made of it (journaled, noted). */
  public settle(prepared: PreparedRecord, decision: Decision, note: (text: string) => void): Settled | undefined {
    const settled = this.settlement.settle(prepared.sourceId, decision, prepared.values);
    if (settled) note(SETTLED_NOTES[settled]);
    return settled;
  }

  /**
   * A resume of an insert-only object: records of this page whose insert a crash left in doubt are searched
   * in the target (created by the running user since their batch started, same values); those found are the
   * run's inserts, journaled as such (rollback deletes them) and handed to `adopted`, not sent again.
   */
  public async adoptPage(prepared: PreparedRecord[], adopted: (record: PreparedRecord, targetId: string) => void): Promise<Set<string>> {
    const inDoubt = this.spec.inDoubt;
    const found = new Set<string>();
    if (!inDoubt || !this.adoption) return found;
    const byBatch = new Map<string, { at: string; records: Array<WrittenRecord & { prepared: PreparedRecord }> }>();
    for (const record of prepared) {
      const doubt = inDoubt.inserts.get(shortId(record.sourceId));
      if (!doubt || record.failure || record.waitingFor.length > 0 || this.run.state.idMap.has(record.sourceId)) continue;
      const decision = classify(record, undefined, { insert: true, update: false }, this.spec.fields);
      if (decision.kind !== 'insert') continue;
      const group = byBatch.get(doubt.batch) ?? { at: doubt.at, records: [] };
      group.records.push({ sourceId: record.sourceId, values: decision.values, prepared: record });
      byBatch.set(doubt.batch, group);
    }
    const { journal } = this.run.services;
    for (const [batch, group] of byBatch) {
      const targets = await this.adoption.adopt(group.records, new Date(group.at), false);
      if (targets.size === 0) continue;
      const name = `${batch}:adopted`;
      for (const record of group.records) {
        const targetId = targets.get(record.sourceId);
        if (!targetId) continue;
        found.add(record.sourceId);
        journal.append({ type: 'record', batch: name, object: this.spec.object.name, operation: 'insert', sourceId: record.sourceId, targetId, ok: true, created: true });
        adopted(record.prepared, targetId);
      }
      journal.append({ type: 'batchEnd', at: new Date().toISOString(), batch: name });
    }
    return found;
  }

  /**
   * After an insert failed in transit: which of its records are in the target now? By match key; for an
   * insert-only object, among the records the running user created since the batch started, by their values.
   */
  public async verifyInserted(items: InsertItem[], startedAt: Date): Promise<Map<string, string>> {
    if (!this.matching) return this.adoption!.adopt(items.map((item) => ({ sourceId: item.sourceId, values: item.values })), startedAt, true);
    return this.matching.findInserted(items.map((item) => item.row));
  }

  /** An insert batch leaves: an adoption search waits for it (its records could be taken for others). */
  public sendStarted(): void {
    this.adoption?.sendStarted();
  }

  /** An insert batch is answered: its ids are taken before the batch counts as returned. */
  public sendEnded(outcomes: WriteOutcome[] | undefined): void {
    for (const outcome of outcomes ?? []) if (outcome.ok && outcome.targetId) this.adoption?.claim(outcome.targetId, outcome.sourceId);
    this.adoption?.sendEnded();
  }
}
