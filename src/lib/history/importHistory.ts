import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { Messages, type SfError } from '@salesforce/core';
import { parse } from 'csv-parse';
import { isSalesforceId, shortId, toId18 } from '../util/shortId.js';
import { importSegmentName, pairFolder, shortPair, type HistoryPair } from './historyPaths.js';
import { ID_MAP_COLUMNS, ID_MAP_VERSION, objectMappings, parseIdMapComment, type IdMapComment, type ObjectMappings } from './idMapFile.js';
import { API_NAME } from '../schema/apiName.js';
import { IMPORTED_RUN, SegmentWriter } from './segmentFormat.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.idmap');

/** The first line is read alone (it decides whether the rest is read at all); longer is not an id map's. */
const FIRST_LINE_BYTES = 4096;

export type HistoryImport = {
  file: string;
  /** The segment written into the pair's history. */
  segment: string;
  sourceOrgId: string;
  targetOrgId: string;
  mappings: number;
  objects: ObjectMappings[];
};

/**
 * Adds an exported id map (idMapFile.ts) to the pair's history as a segment of its own, named with the time
 * of the import, so it wins over the runs made before it and loses to the runs made after. The file is
 * checked whole before the segment is put in place: its first line must name the same two orgs (by org id)
 * and count its rows, each row must be an object API name and two Salesforce ids. A file that is not this
 * pair's is a HistoryMapForeignError, a damaged one a HistoryMapCorruptError; the history is then untouched.
 */
export async function importHistory(root: string, pair: HistoryPair, file: string): Promise<HistoryImport> {
  const ids = shortPair(pair);
  const { text, bytes } = firstLine(file);
  const comment = parseIdMapComment(text);
  if (!comment) throw corrupt(file, 1, messages.getMessage('problem.noComment'));
  if (comment.version !== ID_MAP_VERSION) throw corrupt(file, 1, messages.getMessage('problem.fileVersion', [comment.version, ID_MAP_VERSION]));
  if (shortId(comment.sourceOrgId) !== ids.sourceOrgId || shortId(comment.targetOrgId) !== ids.targetOrgId) throw foreign(file, comment, ids);

  const segment = join(pairFolder(root, pair), importSegmentName());
  const writer = new SegmentWriter(segment, { ...ids, run: IMPORTED_RUN });
  const counts = new Map<string, number>();
  try {
    const rows = await copyRows(file, bytes, (object, sourceId, targetId) => {
      writer.add(object, shortId(sourceId), toId18(targetId));
      counts.set(object, (counts.get(object) ?? 0) + 1);
    });
    if (rows.count !== comment.entries) throw corrupt(file, rows.lastLine, messages.getMessage('problem.rowCount', [comment.entries, rows.count]));
  } catch (error) {
    writer.abort();
    throw error;
  }
  writer.commit();
  return { file, segment, ...ids, mappings: [...counts.values()].reduce((sum, count) => sum + count, 0), objects: objectMappings(counts) };
}

/** The file's first line (without a byte order mark or CR) and its length in bytes with its newline. */
function firstLine(file: string): { text: string; bytes: number } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw messages.createError('error.IdMapFileNotFound', [file]);
    throw error;
  }
  try {
    const buffer = Buffer.alloc(FIRST_LINE_BYTES);
    const read = buffer.subarray(0, readSync(fd, buffer, 0, FIRST_LINE_BYTES, 0));
    const end = read.indexOf(0x0a);
    const line = end === -1 ? read : read.subarray(0, end);
    const text = line.toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, '');
    return { text, bytes: end === -1 ? read.length : end + 1 };
  } finally {
    closeSync(fd);
  }
}

type Row = (object: string, sourceId: string, targetId: string) => void;

/**
 * Streams the CSV after the first line through csv-parse, checks the column header and every row, and hands
 * the rows on: a large map is never held whole. Line numbers are the file's (csv-parse counts from the byte
 * it starts at, one line after the first).
 */
async function copyRows(file: string, start: number, row: Row): Promise<{ count: number; lastLine: number }> {
  const parser = createReadStream(file, { start }).pipe(parse({ info: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n'] }));
  let header = false;
  let count = 0;
  let lastLine = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      lastLine = info.lines + 1;
      if (!header) {
        if (record.join(',') !== ID_MAP_COLUMNS.join(',')) throw corrupt(file, lastLine, messages.getMessage('problem.columns', [record.join(','), ID_MAP_COLUMNS.join(',')]));
        header = true;
        continue;
      }
      const [object, sourceId, targetId] = record;
      if (!API_NAME.test(object)) throw corrupt(file, lastLine, messages.getMessage('problem.objectName', [JSON.stringify(object)]));
      for (const [column, id] of [
        ['SourceId', sourceId],
        ['TargetId', targetId],
      ]) {
        if (!isSalesforceId(id)) throw corrupt(file, lastLine, messages.getMessage('problem.id', [column, JSON.stringify(id)]));
      }
      row(object, sourceId, targetId);
      count++;
    }
  } catch (error) {
    // csv-parse's own errors (a column too many, an unclosed quote) carry the line they stopped at.
    const csv = error as Error & { code?: string; lines?: number };
    if (typeof csv.code === 'string' && csv.code.startsWith('CSV_')) throw corrupt(file, (csv.lines ?? 0) + 1, csv.message);
    throw error;
  }
  if (!header) throw corrupt(file, 2, messages.getMessage('problem.noColumns', [ID_MAP_COLUMNS.join(',')]));
  return { count, lastLine };
}

function corrupt(file: string, line: number, problem: string): SfError {
  return messages.createError('error.import.HistoryMapCorrupt', [file, line, problem], [file]);
}

/** Named after the segment's error, HistoryMapForeignError (the key's prefix is dropped from the name). */
function foreign(file: string, comment: IdMapComment, ids: HistoryPair): SfError {
  return messages.createError(
    'error.import.HistoryMapForeign',
    [file, comment.sourceOrgId, comment.targetOrgId, ids.sourceOrgId, ids.targetOrgId],
    [comment.sourceOrgId, comment.targetOrgId, ids.sourceOrgId, ids.targetOrgId]
  );
}
