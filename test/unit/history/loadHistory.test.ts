import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { RunStore } from '../../../src/lib/journal/runStore.js';
import { historyEntryOf } from '../../../src/lib/history/foldJournal.js';
import { pairFolder } from '../../../src/lib/history/historyPaths.js';
import { loadHistory } from '../../../src/lib/history/loadHistory.js';
import { HEADER_BYTES } from '../../../src/lib/history/segmentFormat.js';
import {
  append,
  createRun,
  deleted,
  inserted,
  journalFolder,
  mapped,
  OTHER_ORG,
  PAIR,
  source15,
  sourceId,
  SOURCE_ORG,
  targetId,
  TARGET_ORG,
  unchanged,
  updated,
  rejection,
} from './historyRuns.js';

function segmentPath(root: string, runId: string): string {
  return join(pairFolder(root, PAIR), `${runId}.map`);
}

describe('the history map (loadHistory)', () => {
  let root: string;
  beforeEach(() => {
    root = journalFolder();
  });

  it('is a first run, without error, when the journal folder or the pair has no history', async () => {
    const load = await loadHistory(root, PAIR);
    expect(load).to.include({ segments: 0, entries: 0, firstRun: true });
    expect(load.map.size).to.equal(0);
    expect(load.warnings).to.deep.equal([]);
    expect(existsSync(root)).to.equal(false);
  });

  it('folds a run’s journal: writes and matches map, failed writes do not, a rollback’s deletes remove, its restores keep', async () => {
    const failed = { ...inserted(4), ok: false, targetId: null, error: { statusCode: 'REQUIRED_FIELD_MISSING', message: 'm', fields: ['Name'] } };
    const failedUpdate = { ...updated(9), ok: false, error: { statusCode: 'UNABLE_TO_LOCK_ROW', message: 'm', fields: [] } };
    const journal = createRun(root, [
      inserted(1),
      inserted(2),
      inserted(3),
      updated(5),
      unchanged(6),
      { type: 'outcome', object: 'Contact', sourceId: sourceId(7), targetId: targetId(7), kind: 'skipped', reason: 'insert-only' },
      { type: 'outcome', object: 'Account', sourceId: sourceId(8), targetId: null, kind: 'failed' },
      failed,
      failedUpdate,
      { type: 'record', batch: 'r', object: 'Account', operation: 'upsert', sourceId: sourceId(10), targetId: targetId(10), ok: true, created: false },
      // The rollback: deletes the inserts (one already gone, one failed), puts back the update.
      deleted(1),
      deleted(2, 0, false, 'ENTITY_IS_DELETED'),
      deleted(3, 0, false, 'UNABLE_TO_LOCK_ROW'),
      { type: 'record', batch: 'x', object: 'Account', operation: 'restore', sourceId: sourceId(5), targetId: targetId(5), ok: true },
      {
        type: 'undoOutcome',
        at: 'now',
        object: 'Account',
        sourceId: sourceId(10),
        targetId: targetId(10),
        operation: 'delete',
        kind: 'alreadyUndone',
        reason: 'gone',
      },
      {
        type: 'undoOutcome',
        at: 'now',
        object: 'Account',
        sourceId: sourceId(6),
        targetId: targetId(6),
        operation: 'restore',
        kind: 'alreadyUndone',
        reason: 'same',
      },
    ]);
    const load = await loadHistory(root, PAIR);
    expect(load).to.include({ segments: 1, firstRun: false });
    expect(mapped(load.map, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).to.deep.equal([
      undefined,
      undefined,
      targetId(3),
      undefined,
      targetId(5),
      targetId(6),
      targetId(7),
      undefined,
      undefined,
      undefined,
    ]);
    expect(load.map.size).to.equal(4);
    // 15 or 18 characters ask for the same record.
    expect(load.map.get(source15(3))).to.equal(targetId(3));
    expect(load.map.has(source15(1))).to.equal(false);
    // The segment: a header padded to its fixed size, then the object lines and entries, owner-only.
    const text = readFileSync(segmentPath(root, journal.meta.runId), 'utf8');
    const lines = text.split('\n');
    expect(lines[0].length).to.equal(HEADER_BYTES - 1);
    expect(JSON.parse(lines[0])).to.deep.include({ format: 'sf-isync-idmap', version: 1, sourceOrgId: SOURCE_ORG.slice(0, 15), run: journal.meta.runId });
    expect(lines.slice(1, 3)).to.deep.equal(['@Account', `+${source15(1)} ${targetId(1)}`]);
    expect(lines).to.include('@Contact');
    expect(lines).to.include(`-${source15(1)} ${targetId(1)}`);
  });

  it('says which events map and which remove (historyEntryOf)', () => {
    expect(historyEntryOf(inserted(1))).to.deep.equal({ kind: 'add', object: 'Account', sourceId: source15(1), targetId: targetId(1) });
    expect(historyEntryOf(deleted(1))).to.deep.equal({ kind: 'remove', object: 'Account', sourceId: source15(1), targetId: targetId(1) });
    expect(historyEntryOf({ type: 'note', object: 'Account', sourceId: sourceId(1), note: 'n' })).to.equal(undefined);
    // A dry run's placeholder target id is not an id: never in the map.
    expect(historyEntryOf({ ...inserted(1), targetId: 'dry-run-1' })).to.equal(undefined);
  });

  it('folds a journal again when it grew (a resume, a retry or a rollback appended to it), and not otherwise', async () => {
    const journal = createRun(root, [inserted(1)]);
    expect((await loadHistory(root, PAIR)).map.size).to.equal(1);
    const path = segmentPath(root, journal.meta.runId);
    const before = readFileSync(path, 'utf8');
    await loadHistory(root, PAIR);
    expect(readFileSync(path, 'utf8')).to.equal(before);

    append(journal, [inserted(2), deleted(1)]);
    const load = await loadHistory(root, PAIR);
    expect(mapped(load.map, [1, 2])).to.deep.equal([undefined, targetId(2)]);
    const header = JSON.parse(readFileSync(path, 'utf8').split('\n')[0]) as { journalBytes: number; entries: number };
    expect(header).to.include({ journalBytes: readFileSync(journal.eventsPath).length, entries: 3 });
  });

  it('applies runs in time order: a later run’s mapping wins, and its removal removes', async () => {
    createRun(root, [inserted(1, 1), inserted(2, 1), inserted(3, 1)], { day: 1 });
    createRun(root, [inserted(1, 2)], { day: 3 });
    createRun(
      root,
      [
        {
          type: 'undoOutcome',
          at: 'now',
          object: 'Account',
          sourceId: sourceId(2),
          targetId: targetId(2, 1),
          operation: 'delete',
          kind: 'alreadyUndone',
          reason: 'gone',
        },
      ],
      {
        day: 2,
      }
    );
    const load = await loadHistory(root, PAIR);
    expect(mapped(load.map, [1, 2, 3])).to.deep.equal([targetId(1, 2), undefined, targetId(3, 1)]);
    expect(load).to.include({ segments: 3, entries: 5 });
    expect(load.map.size).to.equal(2);
  });

  it('drops the mapping to a record a rollback of an older run deleted, even when a later run found that record since', async () => {
    const older = createRun(root, [inserted(1, 1), inserted(2, 1)], { day: 1 });
    createRun(root, [unchanged(1, 1), updated(2, 1)], { day: 2 });
    expect((await loadHistory(root, PAIR)).map.size).to.equal(2);
    // Rolled back after the later run: journaled in the older run's journal, whose segment sorts first.
    append(older, [deleted(1, 1)]);
    const load = await loadHistory(root, PAIR);
    expect(mapped(load.map, [1, 2])).to.deep.equal([undefined, targetId(2, 1)]);
    expect(load.map.size).to.equal(1);
  });

  it('maps a record again after a removal when a later run syncs it again', async () => {
    createRun(root, [inserted(1, 1), deleted(1, 1)], { day: 1 });
    createRun(root, [inserted(1, 2)], { day: 2 });
    const load = await loadHistory(root, PAIR);
    expect(load.map.get(sourceId(1))).to.equal(targetId(1, 2));
    expect(load.map.size).to.equal(1);
  });

  it('leaves out scans, dry runs and runs between other orgs (org ids, not aliases), and keeps them out of `runs`', async () => {
    createRun(root, [inserted(1)], { command: 'scan' });
    createRun(root, [inserted(2)], { dryRun: true });
    createRun(root, [inserted(3)], { target: OTHER_ORG });
    createRun(root, [inserted(4)], { source: TARGET_ORG, target: SOURCE_ORG });
    // The pair given in either spelling of the org ids.
    const load = await loadHistory(root, { sourceOrgId: SOURCE_ORG.slice(0, 15), targetOrgId: TARGET_ORG });
    expect(load).to.include({ segments: 0, firstRun: true });
    await loadHistory(root, { sourceOrgId: SOURCE_ORG, targetOrgId: OTHER_ORG });
    expect(readdirSync(join(root, 'history'))).to.have.length(1);
    expect(new RunStore(root).list()).to.have.length(4);
  });

  it('keeps the segment of a run whose journal was deleted (the journals may be pruned, the map stays)', async () => {
    const journal = createRun(root, [inserted(1)]);
    await loadHistory(root, PAIR);
    rmSync(journal.dir, { recursive: true });
    const load = await loadHistory(root, PAIR);
    expect(load.map.get(sourceId(1))).to.equal(targetId(1));
    expect(load.segments).to.equal(1);
  });

  it('rebuilds a damaged segment from its run’s journal, with a warning (a damaged header, a damaged entry)', async () => {
    const journal = createRun(root, [inserted(1), inserted(2)]);
    await loadHistory(root, PAIR);
    const path = segmentPath(root, journal.meta.runId);
    const good = readFileSync(path, 'utf8');

    writeFileSync(path, 'not json\n');
    let load = await loadHistory(root, PAIR);
    expect(mapped(load.map, [1, 2])).to.deep.equal([targetId(1), targetId(2)]);
    expect(load.warnings).to.have.length(1);
    expect(load.warnings[0]).to.contain(path).and.contain('line 1').and.contain(`rebuilt from the journal of run ${journal.meta.runId}`);
    expect(readFileSync(path, 'utf8')).to.equal(good);

    // The header is sound, the second entry is not: found while reading, then rebuilt, and read again.
    writeFileSync(path, good.replace(`+${source15(2)}`, `+${source15(2).slice(1)}`));
    load = await loadHistory(root, PAIR);
    expect(mapped(load.map, [1, 2])).to.deep.equal([targetId(1), targetId(2)]);
    expect(load.warnings.join('\n')).to.contain('line 4');
    expect(readFileSync(path, 'utf8')).to.equal(good);
  });

  it('refuses a damaged segment that nothing can rebuild: HistoryMapCorruptError with the file, the line and the way out', async () => {
    const journal = createRun(root, [inserted(1), inserted(2)]);
    await loadHistory(root, PAIR);
    const path = segmentPath(root, journal.meta.runId);
    rmSync(journal.dir, { recursive: true });
    // Cut short: a line less than the header counts.
    const lines = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, lines.slice(0, -2).join('\n') + '\n');
    const error = await rejection(loadHistory(root, PAIR));
    expect(error.name).to.equal('HistoryMapCorruptError');
    expect(error.message).to.contain(path).and.contain('counts 2 entries and the file has 1');
    expect(error.actions!.join('\n')).to.contain(`delete ${path}`).and.contain('sf isync idmap import');

    writeFileSync(path, lines.join('\n').replace(`+${source15(2)} `, `+${source15(2)}\t`));
    const entry = await rejection(loadHistory(root, PAIR));
    expect(entry.name).to.equal('HistoryMapCorruptError');
    expect(entry.message).to.contain('line 4').and.contain('is not an entry');
  });

  it('refuses a segment of other orgs, or of another format: HistoryMapForeignError', async () => {
    const journal = createRun(root, [inserted(1)]);
    await loadHistory(root, PAIR);
    const path = segmentPath(root, journal.meta.runId);
    const text = readFileSync(path, 'utf8');
    rmSync(journal.dir, { recursive: true });
    writeFileSync(path, text.replace(TARGET_ORG.slice(0, 15), OTHER_ORG.slice(0, 15)));
    const error = await rejection(loadHistory(root, PAIR));
    expect(error.name).to.equal('HistoryMapForeignError');
    expect(error.message)
      .to.contain(path)
      .and.contain(`it maps org ${SOURCE_ORG.slice(0, 15)} to org ${OTHER_ORG.slice(0, 15)}`);

    writeFileSync(path, text.replace('"version":1', '"version":2'));
    expect((await rejection(loadHistory(root, PAIR))).name).to.equal('HistoryMapForeignError');
  });

  it('ignores temporary files of writes, and removes those a killed write left behind a day ago', async () => {
    createRun(root, [inserted(1)]);
    await loadHistory(root, PAIR);
    const recent = join(pairFolder(root, PAIR), 'x.map.123-1.tmp');
    const abandoned = join(pairFolder(root, PAIR), 'x.map.123-2.tmp');
    appendFileSync(recent, 'half a segment');
    appendFileSync(abandoned, 'half a segment');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(abandoned, twoDaysAgo, twoDaysAgo);
    expect((await loadHistory(root, PAIR)).map.size).to.equal(1);
    expect([existsSync(recent), existsSync(abandoned)]).to.deep.equal([true, false]);
  });

  it('loads 200 000 mappings from a run’s journal (streamed, packed)', async function () {
    this.timeout(120_000);
    const count = 200_000;
    const journal = createRun(root, []);
    for (let start = 0; start < count; start += 10_000) {
      journal.events.append(...Array.from({ length: 10_000 }, (_, i) => inserted(start + i)));
    }
    journal.events.close();
    const load = await loadHistory(root, PAIR);
    expect(load.map.size).to.equal(count);
    expect(load.entries).to.equal(count);
    for (const n of [0, 1, 99_999, count - 1]) expect(load.map.get(sourceId(n))).to.equal(targetId(n));
    expect(load.map.get(sourceId(count))).to.equal(undefined);
    // Read again from the segment alone.
    expect((await loadHistory(root, PAIR)).map.size).to.equal(count);
  });
});
