import { randomBytes } from 'node:crypto';
import { ALREADY_DELETED_CODES } from '../journal/recordOutcomes.js';
import type { ObjectSummary } from '../journal/runMeta.js';
import { shortId } from '../util/shortId.js';
import { parentLookups, type ObjectSyncSpec } from '../transform/recordTransformer.js';
import { sobjectOf, type EngineRun } from './engineRun.js';
import { deletedSourcePages, matchDeleted, type DeletedMatch } from './deletedSource.js';
import { cascadeFieldsOf } from './sourceQuery.js';
import { DryRunWriter } from './dryRunWriter.js';
import type { WriteItem, WriteOutcome } from './writeTypes.js';

type ToDelete = Extract<DeletedMatch, { kind: 'delete' }> & { object: string };

/** What the deletion pass found to do: each object's target records to delete, and the deleted records it leaves. */
export type FoundDeletions = { toDelete: Map<string, ToDelete[]>; skipped: Array<{ object: string; match: Extract<DeletedMatch, { kind: 'skip' }> }> };

/**
 * `--include-deleted`, its reads: every object's source records deleted since its last sync, matched in the
 * target, side by side. They depend on nothing the sync writes (a deleted source record is never synced), so
 * they start with the sync and share its calls; runDeletionPass deletes once the sync is done.
 */
export async function findDeletions(run: EngineRun, specs: readonly ObjectSyncSpec[]): Promise<FoundDeletions> {
  const found: FoundDeletions = { toDelete: new Map(), skipped: [] };
  await Promise.all(
    specs.map(async (spec) => {
      const cascadeFields = cascadeFieldsOf(spec, specs);
      const list: ToDelete[] = [];
      for await (const rows of deletedSourcePages(run, spec, cascadeFields)) {
        for (const match of await matchDeleted(run, spec, rows, cascadeFields)) {
          if (match.kind === 'delete') list.push({ ...match, object: spec.object.name });
          else found.skipped.push({ object: spec.object.name, match });
        }
      }
      found.toDelete.set(spec.object.name, list);
    })
  );
  return found;
}

/**
 * `--include-deleted`: after the run's inserts and updates, deletes the target matches of the source records
 * deleted since each object's last sync (found by findDeletions), object by object in reverse load order, so
 * that children go before their parents (a restricted lookup would refuse the parent's deletion otherwise). A
 * child whose parent is deleted too through a cascade-delete relationship (line items of a deleted Opportunity)
 * is not deleted on its own: its parent's deletion takes it along, as it did in the source, and undeleting the
 * parent brings it back with its id (Salesforce cannot undelete such a child alone). Each batch's intent
 * journals the values of every record it deletes, its cascade included, before the request leaves (see
 * intentEvent), so that a rollback can bring them back even when a crash lost the answer. A match already gone
 * from the target is not a failure. `summaryOf` gives an object's counts so far: its progress goes on from
 * them, with a `deleted` count.
 */
export async function runDeletionPass(
  run: EngineRun,
  specs: readonly ObjectSyncSpec[],
  summaryOf: (object: string) => ObjectSummary,
  finding: Promise<FoundDeletions> = findDeletions(run, specs)
): Promise<void> {
  const progress = new DeletionProgress(run, summaryOf);
  const { toDelete: found, skipped } = await finding;
  for (const { object, match } of skipped) progress.skip(object, match);
  const cascades = cascadeTree([...found.values()].flat());
  const deleteObject = async (object: string): Promise<void> => {
    const direct = (found.get(object) ?? []).filter((record) => !cascades.taken.has(shortId(record.sourceId)));
    if (direct.length === 0 && !progress.touched(object)) return;
    const along = direct.flatMap((record) => cascades.descendants(record.sourceId));
    const journaled = journalAlong(run, along);
    const outcomes = await deleteAll(run, object, direct);
    outcomes.forEach((outcome, index) => {
      progress.count(object, outcome);
      for (const child of cascades.descendants(direct[index].sourceId)) progress.count(child.object, { ...outcome, sourceId: child.sourceId, targetId: child.targetId });
    });
    journaled?.settle(outcomes, direct, cascades);
    progress.finish(object, along);
  };
  await childrenFirst(specs, found, deleteObject);
}

/**
 * Runs `step` for every object once the objects whose deleted records look up its own deleted records have had
 * theirs: a child before its parent, where both are deleted, and every other object side by side (a delta
 * deletes few records, seldom a parent and its child, so the deletions mostly leave together and share calls).
 * The lookups followed are those the load order follows (deferred lookups and self-references aside), which
 * the plan keeps free of cycles; a lookup is read from the values journaled for the record (target ids).
 */
async function childrenFirst(specs: readonly ObjectSyncSpec[], found: ReadonlyMap<string, readonly ToDelete[]>, step: (object: string) => Promise<void>): Promise<void> {
  const names = new Set(specs.map((spec) => spec.object.name));
  const deletedIds = new Map([...found].map(([object, records]) => [object, new Set(records.map((record) => shortId(record.targetId)))]));
  const children = new Map<string, string[]>();
  for (const spec of specs) {
    const child = spec.object.name;
    for (const field of parentLookups(spec)) {
      for (const parent of field.referenceTo) {
        const parentIds = deletedIds.get(parent);
        if (parent === child || !names.has(parent) || !parentIds?.size) continue;
        const pointsThere = (found.get(child) ?? []).some((record) => typeof record.values[field.name] === 'string' && parentIds.has(shortId(record.values[field.name] as string)));
        if (pointsThere && !children.get(parent)?.includes(child)) children.set(parent, [...(children.get(parent) ?? []), child]);
      }
    }
  }
  const steps = new Map<string, Promise<void>>();
  const run = (object: string): Promise<void> => {
    let started = steps.get(object);
    if (!started) {
      started = Promise.all((children.get(object) ?? []).map(run)).then(() => step(object));
      steps.set(object, started);
    }
    return started;
  };
  await Promise.all([...names].map(run));
}

/** Which deleted records go along with a deleted parent (by cascade), and each parent's records that do. */
function cascadeTree(records: readonly ToDelete[]): { taken: Set<string>; descendants(sourceId: string): ToDelete[] } {
  const deleted = new Set(records.map((record) => shortId(record.sourceId)));
  const children = new Map<string, ToDelete[]>();
  const taken = new Set<string>();
  for (const record of records) {
    const parent = record.cascadeParents.map(shortId).find((id) => deleted.has(id));
    if (!parent) continue;
    taken.add(shortId(record.sourceId));
    children.set(parent, [...(children.get(parent) ?? []), record]);
  }
  const descendants = (sourceId: string): ToDelete[] =>
    (children.get(shortId(sourceId)) ?? []).flatMap((child) => [child, ...descendants(child.sourceId)]);
  return { taken, descendants };
}

/**
 * Journals the intent of the records a batch's deletions take along (one batch per object, with their values),
 * before the batch's own intent, and their outcomes once the batch answered: each one its parent's. A dry run
 * journals nothing, as its writer does not.
 */
function journalAlong(run: EngineRun, along: readonly ToDelete[]): { settle(outcomes: WriteOutcome[], direct: ToDelete[], cascades: ReturnType<typeof cascadeTree>): void } | undefined {
  if (along.length === 0 || run.services.writer instanceof DryRunWriter) return undefined;
  const { journal } = run.services;
  const tag = randomBytes(3).toString('hex');
  const batches = new Map<string, string>();
  for (const object of new Set(along.map((record) => record.object))) {
    const records = along.filter((record) => record.object === object);
    const batch = `${tag}:cascade:${object}`;
    batches.set(object, batch);
    const before = Object.fromEntries(records.map((record) => [record.sourceId, { Id: record.targetId, ...record.values }]));
    journal.append({ type: 'batchStart', at: new Date().toISOString(), batch, object, operation: 'deleteMatch', sourceIds: records.map((record) => record.sourceId), before });
  }
  return {
    settle: (outcomes, direct, cascades) => {
      outcomes.forEach((outcome, index) => {
        for (const child of cascades.descendants(direct[index].sourceId)) {
          const { ok, error } = outcome;
          journal.append({ type: 'record', batch: batches.get(child.object)!, object: child.object, operation: 'deleteMatch', sourceId: child.sourceId, targetId: child.targetId, ok, before: { Id: child.targetId, ...child.values }, ...(error ? { error } : {}) });
        }
      });
      for (const batch of batches.values()) journal.append({ type: 'batchEnd', at: new Date().toISOString(), batch });
    },
  };
}

/** The deletions in batches: one Bulk API 2.0 delete job from the run's bulk threshold, else REST collections. */
async function deleteAll(run: EngineRun, object: string, records: readonly ToDelete[]): Promise<WriteOutcome[]> {
  if (records.length === 0) return [];
  const items: WriteItem[] = records.map((record) => ({ sourceId: record.sourceId, targetId: record.targetId, values: {}, before: { Id: record.targetId, ...record.values } }));
  const { bulk, batchSize } = run.config;
  const { bulkWriter, writer } = run.services;
  const sobject = sobjectOf(run.config, object);
  if (bulk && bulkWriter && items.length >= bulk.threshold) return bulkWriter.write({ object, ...sobject, operation: 'deleteMatch', items });
  const batches: WriteItem[][] = [];
  for (let start = 0; start < items.length; start += batchSize) batches.push(items.slice(start, start + batchSize));
  return (await Promise.all(batches.map((batch) => writer.write({ object, ...sobject, operation: 'deleteMatch', items: batch })))).flat();
}

/** Each object's counts through the pass, shown as progress from where its sync left them. */
class DeletionProgress {
  private readonly counts = new Map<string, ObjectSummary>();
  private readonly started = Date.now();

  public constructor(
    private readonly run: EngineRun,
    private readonly summaryOf: (object: string) => ObjectSummary
  ) {}

  public touched(object: string): boolean {
    return this.counts.has(object);
  }

  public skip(object: string, match: Extract<DeletedMatch, { kind: 'skip' }>): void {
    this.of(object).skipped++;
    this.run.services.journal.append({ type: 'outcome', object, sourceId: match.sourceId, targetId: match.targetId, kind: 'skipped', reason: `Not deleted: ${match.reason}.` });
  }

  public count(object: string, outcome: WriteOutcome): void {
    const counts = this.of(object);
    if (outcome.ok) counts.deleted++;
    else if (outcome.error && ALREADY_DELETED_CODES.has(outcome.error.statusCode)) counts.unchanged++;
    else {
      counts.failed++;
      this.run.emit({ type: 'failure', object, code: outcome.error?.statusCode ?? 'UNKNOWN_EXCEPTION' });
    }
  }

  /** Reports the object, and the objects whose records its deletions took along. */
  public finish(object: string, along: readonly ToDelete[]): void {
    for (const name of new Set([object, ...along.map((record) => record.object)])) {
      const counts = this.of(name);
      const progress = { object: name, counts, matched: counts.matched ?? { history: 0, key: 0 }, elapsedMs: counts.elapsedMs + Date.now() - this.started };
      this.run.emit({ type: 'progress', progress: { ...progress, status: counts.failed > 0 ? 'failed' : 'done' } });
    }
  }

  private of(object: string): ObjectSummary {
    let counts = this.counts.get(object);
    if (!counts) this.counts.set(object, (counts = { ...this.summaryOf(object) }));
    return counts;
  }
}
