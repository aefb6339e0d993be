import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Messages, SfError } from '@salesforce/core';
import { CorruptJournalError } from '../journal/corruptJournal.js';
import { RunStore, type RunJournal } from '../journal/runStore.js';
import { shortId } from '../util/shortId.js';
import { foldRunJournal, journalSize } from './foldJournal.js';
import { HistoryMap } from './historyMap.js';
import { pairFolder, runOfSegmentName, runSegmentName, SEGMENT_EXTENSION, shortPair, type HistoryPair } from './historyPaths.js';
import { readSegment, readSegmentHeader, SegmentDamage, type SegmentVisitor } from './segmentReader.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.idmap');

/**
 * A temporary file untouched this long was left by a process killed mid-write (a write in progress touches its
 * file all the time): removed, since a million-record run leaves tens of MB.
 */
const ABANDONED_TEMP_MS = 24 * 60 * 60 * 1000;

/**
 * What a run journal that cannot be read (damaged in the middle, see CorruptJournalError) does to the map:
 * `refuse` (an SfError naming the run and the way out: its records would be matched as if never synced, and
 * objects without a key inserted again), or `skip` (its mappings are left out, with a warning), for a run that
 * uses the map only to resolve lookups, which fall back to keys.
 */
export type LoadOptions = { damagedJournal: 'refuse' | 'skip' };

export type HistoryLoad = {
  map: HistoryMap;
  /** Segment files read: one per earlier run between the two orgs, one per import. */
  segments: number;
  /** Entry lines read (mappings and removals): a record synced by three runs counts three times. */
  entries: number;
  /** No segment at all: the two orgs were never synced (or their history was deleted). */
  firstRun: boolean;
  /** Damaged segments rebuilt from their journals, runs left out: for the command to show. */
  warnings: string[];
};

/**
 * The history map of two orgs: every segment of the pair brought up to date with the journals (see
 * refreshSegments), then applied in name order, which is time order (run ids and import names start with a
 * UTC timestamp): a later mapping of a source id wins; a record a rollback deleted loses its mapping. A
 * missing history is a first run; a damaged or foreign segment is an SfError saying which file, which line
 * and what is wrong.
 */
export async function loadHistory(root: string, pair: HistoryPair, options: LoadOptions = { damagedJournal: 'refuse' }): Promise<HistoryLoad> {
  const read = await readHistory(root, pair, newMapState, options);
  read.state.finish();
  return { map: read.state.map, segments: read.segments.length, entries: read.entries, firstRun: read.segments.length === 0, warnings: read.warnings };
}

/**
 * A fresh HistoryMap and the visitor that fills it (objects are not kept). Mappings go in as they come; the
 * deleted records are kept aside and dropped by `finish()`, once every segment is read, so that a rollback
 * removes the mapping to a record it deleted even when a later run's segment found that record (see
 * segmentFormat.ts). A record deleted and then mapped again by a later run has another id: it stays.
 */
export function newMapState(expectedEntries = 0): { map: HistoryMap; visitor: SegmentVisitor; finish(): void } {
  const map = new HistoryMap();
  map.reserve(expectedEntries);
  /** `<source id 15> <target id 18>`: deletions are few, and one string each keeps them apart cheaply. */
  const deleted = new Set<string>();
  return {
    map,
    visitor: { add: (_object, sourceId, targetId) => map.add(sourceId, targetId), remove: (_object, sourceId, targetId) => deleted.add(`${sourceId} ${targetId}`) },
    finish: () => {
      for (const entry of deleted) map.dropDeleted(entry.slice(0, 15), entry.slice(16));
    },
  };
}

/** What a read of every segment saw; `segments`: the files read, in order (export reads them again). */
export type HistoryRead<State> = { state: State; segments: string[]; entries: number; warnings: string[] };

/**
 * Reads every segment of the pair, in name order, into the visitor of a fresh state. A damaged (or foreign)
 * segment of a run whose journal is still there is rebuilt from it, with a warning, and the read starts over
 * with a fresh state (entries already applied cannot be taken back out of the packed map; damage is rare).
 * Any other damaged segment (an import, a run whose journal was pruned) is refused: nothing rebuilds it.
 */
export async function readHistory<State>(
  root: string,
  pair: HistoryPair,
  start: (expectedEntries: number) => { visitor: SegmentVisitor } & State,
  options: LoadOptions = { damagedJournal: 'refuse' }
): Promise<HistoryRead<State>> {
  const folder = pairFolder(root, pair);
  const warnings: string[] = [];
  const { runs, damaged } = await refreshSegments(root, pair, warnings);
  if (damaged.size > 0 && options.damagedJournal === 'refuse') throw damagedJournalError([...damaged.values()][0]);
  for (const [runId, error] of damaged) warnings.push(messages.getMessage('warning.DamagedJournalLeftOut', [runId, error.message]));
  const skipped = new Set([...damaged.keys()].map(runSegmentName));
  const rebuilt = new Set<string>();
  for (;;) {
    const segments = segmentNames(folder).filter((name) => !skipped.has(name));
    const state = start(expectedEntries(folder, segments, pair));
    let entries = 0;
    const counting: SegmentVisitor = {
      add: (object, sourceId, targetId) => {
        entries++;
        state.visitor.add(object, sourceId, targetId);
      },
      remove: (object, sourceId, targetId) => {
        entries++;
        state.visitor.remove(object, sourceId, targetId);
      },
    };
    try {
      for (const name of segments) await readSegment(join(folder, name), pair, counting);
      return { state, segments, entries, warnings };
    } catch (error) {
      if (!(error instanceof SegmentDamage)) throw error;
      const runId = runOfSegmentName(basename(error.path));
      const journal = runId === undefined ? undefined : runs.get(runId);
      if (journal === undefined || rebuilt.has(journal.meta.runId)) throw refusal(error);
      rebuilt.add(journal.meta.runId);
      warnings.push(rebuiltWarning(error, journal.meta.runId));
      await foldRunJournal(journal, pair, error.path);
    }
  }
}

/**
 * Brings the pair's run segments up to date with the journals, the source of truth: a run with no segment is
 * folded, and so is one whose `events.jsonl` has another size than the segment records (a resume, a retry or
 * a rollback appended to it), or whose segment's header is damaged. Segments of runs whose journal was
 * pruned stay as they are, and count. Returns the pair's runs by id, to rebuild damaged segments from.
 */
async function refreshSegments(
  root: string,
  pair: HistoryPair,
  warnings: string[]
): Promise<{ runs: Map<string, RunJournal>; damaged: Map<string, CorruptJournalError> }> {
  const folder = pairFolder(root, pair);
  removeAbandonedTemps(folder);
  const runs = pairRuns(new RunStore(root), pair, warnings);
  const damaged = new Map<string, CorruptJournalError>();
  for (const [runId, journal] of runs) {
    const path = join(folder, runSegmentName(runId));
    let journalBytes: number | undefined;
    try {
      journalBytes = readSegmentHeader(path, pair)?.journalBytes;
    } catch (error) {
      if (!(error instanceof SegmentDamage)) throw error;
      warnings.push(rebuiltWarning(error, runId));
    }
    if (journalBytes === journalSize(journal.eventsPath)) continue;
    try {
      await foldRunJournal(journal, pair, path);
    } catch (error) {
      if (!(error instanceof CorruptJournalError)) throw error;
      damaged.set(runId, error);
    }
  }
  return { runs, damaged };
}

/** A damaged journal of a run between the two orgs: what it is, and the ways out. */
/**
 * The entries of the largest segment, as its header announces: the map holds at least that many, and often
 * not many more (later runs map the same records again), so reserving the sum would hold memory for nothing.
 * A damaged header counts none: its read says what is wrong.
 */
function expectedEntries(folder: string, segments: readonly string[], pair: HistoryPair): number {
  let largest = 0;
  for (const name of segments) {
    try {
      largest = Math.max(largest, readSegmentHeader(join(folder, name), pair)?.entries ?? 0);
    } catch {
      // Met again, and reported, when the segment is read.
    }
  }
  return largest;
}

function damagedJournalError(error: CorruptJournalError): SfError {
  const runDir = dirname(error.path);
  const move = messages.getMessage('action.MoveDamagedRun', [runDir, dirname(runDir)]);
  return new SfError(messages.getMessage('error.DamagedJournal', [basename(runDir), error.message]), 'HistoryJournalDamagedError', [...(error.actions ?? []), move]);
}

/**
 * The runs that wrote from the source org to the target org: `execute`, not a dry run, orgs compared by id
 * (aliases can be pointed elsewhere). A run whose `run.json` cannot be read is left out with a warning: its
 * orgs are unknown (a segment it already has still counts).
 */
function pairRuns(store: RunStore, pair: HistoryPair, warnings: string[]): Map<string, RunJournal> {
  const expected = shortPair(pair);
  const runs = new Map<string, RunJournal>();
  for (const runId of store.list().reverse()) {
    let journal: RunJournal;
    try {
      journal = store.open(runId);
    } catch (error) {
      if (!(error instanceof SfError) || error.name !== 'RunMetaDamagedError') throw error;
      warnings.push(messages.getMessage('warning.RunLeftOut', [runId, error.message]));
      continue;
    }
    const { meta } = journal;
    if (meta.command !== 'execute' || meta.dryRun) continue;
    if (shortId(meta.source.orgId) !== expected.sourceOrgId || shortId(meta.target.orgId) !== expected.targetOrgId) continue;
    runs.set(runId, journal);
  }
  return runs;
}

/** The segment files of a pair's folder in name order (time order); none when the folder does not exist. */
export function segmentNames(folder: string): string[] {
  // Temporary files of writes in progress (or of a process killed mid-write) end in `.tmp`: never read.
  return filesOf(folder)
    .filter((name) => name.endsWith(SEGMENT_EXTENSION))
    .sort();
}

function removeAbandonedTemps(folder: string, now = Date.now()): void {
  for (const name of filesOf(folder)) {
    if (!name.endsWith('.tmp')) continue;
    const path = join(folder, name);
    const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    if (modified !== undefined && now - modified > ABANDONED_TEMP_MS) rmSync(path, { force: true });
  }
}

function filesOf(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** A segment nothing can rebuild, refused with the way out: HistoryMapCorruptError or HistoryMapForeignError. */
export function refusal(damage: SegmentDamage): SfError {
  const key = damage.kind === 'foreign' ? 'error.HistoryMapForeign' : 'error.HistoryMapCorrupt';
  return messages.createError(key, [damage.path, damage.line, damage.problem], [damage.path]);
}

function rebuiltWarning(damage: SegmentDamage, runId: string): string {
  return messages.getMessage('warning.SegmentRebuilt', [damage.path, damage.line, damage.problem, runId]);
}
