import { ALREADY_DELETED_CODES } from '../journal/recordOutcomes.js';
import type { ObjectSummary } from '../journal/runMeta.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import type { EngineRun } from './engineRun.js';
import { deletedSourcePages, matchDeleted, type DeletedMatch } from './deletedSource.js';
import type { WriteItem, WriteOutcome } from './writeTypes.js';

/**
 * `--include-deleted`: after the run's inserts and updates, deletes the target matches of the source records
 * deleted since each object's last sync, object by object in reverse load order, so that children go before
 * their parents (a parent first would take them along by cascade, or be refused by a restricted lookup). Each
 * batch's intent journals the records' values before the request leaves (see intentEvent), so a rollback can
 * bring them back even when a crash lost the answer. A match already gone from the target is not a failure.
 * `summaryOf` gives an object's counts so far: its progress goes on from them, with a `deleted` count.
 */
export async function runDeletionPass(run: EngineRun, specs: readonly ObjectSyncSpec[], summaryOf: (object: string) => ObjectSummary): Promise<void> {
  for (const spec of [...specs].reverse()) {
    const started = Date.now();
    const summary = summaryOf(spec.object.name);
    const counts = { ...summary };
    const report = (status: ObjectSummary['status']): void =>
      run.emit({ type: 'progress', progress: { object: spec.object.name, status, counts, matched: summary.matched ?? { history: 0, key: 0 }, elapsedMs: summary.elapsedMs + Date.now() - started } });
    report('syncing');
    const items: WriteItem[] = [];
    for await (const rows of deletedSourcePages(run, spec)) {
      for (const match of await matchDeleted(run, spec, rows)) {
        if (match.kind === 'delete') items.push({ sourceId: match.sourceId, targetId: match.targetId, values: {}, before: { Id: match.targetId, ...match.values } });
        else skip(run, spec.object.name, match, counts);
      }
      report('syncing');
    }
    for (const outcomes of await deleteAll(run, spec.object.name, items)) {
      for (const outcome of outcomes) count(run, spec.object.name, outcome, counts);
      report('syncing');
    }
    report(counts.failed > 0 ? 'failed' : 'done');
  }
}

/** The deletions in batches: one Bulk API 2.0 delete job from the run's bulk threshold, else REST collections. */
async function deleteAll(run: EngineRun, object: string, items: WriteItem[]): Promise<WriteOutcome[][]> {
  if (items.length === 0) return [];
  const { bulk, batchSize } = run.config;
  const { bulkWriter, writer } = run.services;
  if (bulk && bulkWriter && items.length >= bulk.threshold) return [await bulkWriter.write({ object, operation: 'deleteMatch', items })];
  const batches: WriteItem[][] = [];
  for (let start = 0; start < items.length; start += batchSize) batches.push(items.slice(start, start + batchSize));
  return Promise.all(batches.map((batch) => writer.write({ object, operation: 'deleteMatch', items: batch })));
}

function skip(run: EngineRun, object: string, match: Extract<DeletedMatch, { kind: 'skip' }>, counts: ObjectSummary): void {
  counts.skipped++;
  run.services.journal.append({ type: 'outcome', object, sourceId: match.sourceId, targetId: match.targetId, kind: 'skipped', reason: `Not deleted: ${match.reason}.` });
}

function count(run: EngineRun, object: string, outcome: WriteOutcome, counts: ObjectSummary): void {
  if (outcome.ok) counts.deleted++;
  else if (outcome.error && ALREADY_DELETED_CODES.has(outcome.error.statusCode)) counts.unchanged++;
  else {
    counts.failed++;
    run.emit({ type: 'failure', object, code: outcome.error?.statusCode ?? 'UNKNOWN_EXCEPTION' });
  }
}
