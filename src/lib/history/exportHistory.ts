import { join } from 'node:path';
import { Messages } from '@salesforce/core';
import { stringify } from 'csv-stringify/sync';
import { IdMap } from '../util/idMap.js';
import { AtomicFile } from './atomicFile.js';
import { pairFolder, shortPair, type HistoryPair } from './historyPaths.js';
import { ID_MAP_COLUMNS, idMapComment, objectMappings, type ObjectMappings } from './idMapFile.js';
import { newMapState, readHistory, refusal } from './loadHistory.js';
import { toId18 } from '../util/shortId.js';
import { readSegment, SegmentDamage, type SegmentVisitor } from './segmentReader.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.idmap');

/** Rows handed to csv-stringify at once: few calls, little memory. */
const ROWS_PER_WRITE = 10_000;

export type HistoryExport = {
  file: string;
  /** Both org ids in their 15-character spelling, as the file's first line names them. */
  sourceOrgId: string;
  targetOrgId: string;
  mappings: number;
  objects: ObjectMappings[];
  /** Segments the map was merged from. */
  segments: number;
  warnings: string[];
};

/**
 * Writes the pair's history map, merged (a later mapping wins, removals applied), to a CSV file (see
 * idMapFile.ts), atomically. The map in memory has no objects (the engine does not need them), so a second
 * pass over the segments writes each mapping where it is met with the target it ended with, once: the ids
 * written are remembered in a packed IdMap, so a million mappings export in tens of MB.
 */
export async function exportHistory(root: string, pair: HistoryPair, file: string): Promise<HistoryExport> {
  const read = await readHistory(root, pair, newMapState);
  read.state.finish();
  const { map } = read.state;
  const ids = shortPair(pair);
  const out = new AtomicFile(file);
  const written = new IdMap();
  const counts = new Map<string, number>();
  let rows: string[][] = [];
  const flush = (): void => {
    if (rows.length > 0) out.write(stringify(rows));
    rows = [];
  };
  const visitor: SegmentVisitor = {
    add(object, sourceId, targetId) {
      if (written.has(sourceId) || map.get(sourceId) !== targetId) return;
      written.set(sourceId, targetId);
      counts.set(object, (counts.get(object) ?? 0) + 1);
      // 18 characters: a spreadsheet that loses case cannot confuse two ids.
      rows.push([object, toId18(sourceId), targetId]);
      if (rows.length >= ROWS_PER_WRITE) flush();
    },
    remove() {},
  };
  try {
    out.write(idMapComment(ids, map.size) + '\n');
    out.write(stringify([[...ID_MAP_COLUMNS]]));
    const folder = pairFolder(root, pair);
    for (const name of read.segments) await readSegment(join(folder, name), pair, visitor);
    flush();
    // Another process rebuilt a segment between the two passes: the first line would not count the rows.
    if (written.size !== map.size) throw messages.createError('error.HistoryChanged', [ids.sourceOrgId, ids.targetOrgId]);
    out.commit();
  } catch (error) {
    out.abort();
    throw error instanceof SegmentDamage ? refusal(error) : error;
  }
  return { file, ...ids, mappings: map.size, objects: objectMappings(counts), segments: read.segments.length, warnings: read.warnings };
}
