import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { Messages } from '@salesforce/core';
import { API_NAME } from '../schema/apiName.js';
import { runOfSegmentName, shortPair, type HistoryPair } from './historyPaths.js';
import { HEADER_BYTES, IMPORTED_RUN, SEGMENT_FORMAT, SEGMENT_VERSION, type SegmentHeader } from './segmentFormat.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.idmap');

/** `foreign`: a sound file that is not this pair's (another pair, another format or version); `corrupt`: damaged. */
export type DamageKind = 'corrupt' | 'foreign';

/**
 * What is wrong with a segment, where. Not an SfError: the loader decides whether a damaged segment is
 * rebuilt from its run's journal (a warning) or refused (an SfError with the way out).
 */
export class SegmentDamage extends Error {
  public constructor(
    public readonly path: string,
    public readonly line: number,
    public readonly kind: DamageKind,
    public readonly problem: string
  ) {
    super(`${path}:${line}: ${problem}`);
    this.name = 'SegmentDamage';
  }
}

/** Receives a segment's entries in file order; the object is the one of the last `@` line. */
export type SegmentVisitor = {
  add(object: string, sourceId: string, targetId: string): void;
  remove(object: string, sourceId: string, targetId: string): void;
};

const ADD_LINE = /^\+[0-9A-Za-z]{15} [0-9A-Za-z]{18}$/;
const REMOVE_LINE = /^-[0-9A-Za-z]{15} [0-9A-Za-z]{18}$/;

/**
 * Reads a segment's first line alone (deciding whether a run's segment is up to date must not read millions
 * of lines): undefined when the file does not exist, a SegmentDamage when the header is not this pair's.
 */
export function readSegmentHeader(path: string, pair: HistoryPair): SegmentHeader | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, buffer, 0, HEADER_BYTES, 0);
    const text = buffer.subarray(0, read).toString('utf8');
    const end = text.indexOf('\n');
    return checkedHeader(path, end === -1 ? text : text.slice(0, end), pair);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a whole segment, streaming, and hands each entry to `visitor`; returns its header. Every line is
 * checked, and the count against the header's: a damaged or foreign segment is a SegmentDamage, never read
 * as a shorter map (a missing mapping makes a sync insert a record again).
 */
export async function readSegment(path: string, pair: HistoryPair, visitor: SegmentVisitor): Promise<SegmentHeader> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let header: SegmentHeader | undefined;
  let object: string | undefined;
  let entries = 0;
  let line = 0;
  let carry = '';
  const take = (text: string): void => {
    line++;
    if (header === undefined) {
      header = checkedHeader(path, text, pair);
      return;
    }
    const first = text.charCodeAt(0);
    if (first === 64 /* @ */) {
      object = text.slice(1);
      if (!API_NAME.test(object)) throw damaged(path, line, 'corrupt', 'problem.objectLine', [JSON.stringify(text)]);
      return;
    }
    if (object === undefined) throw damaged(path, line, 'corrupt', 'problem.entryBeforeObject', []);
    if (first === 43 /* + */ && ADD_LINE.test(text)) visitor.add(object, text.slice(1, 16), text.slice(17));
    else if (first === 45 /* - */ && REMOVE_LINE.test(text)) visitor.remove(object, text.slice(1, 16), text.slice(17));
    else throw damaged(path, line, 'corrupt', 'problem.entryLine', [JSON.stringify(text.slice(0, 60))]);
    entries++;
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = carry + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      take(text.slice(start, end));
      start = end + 1;
    }
    carry = text.slice(start);
  }
  // Segments are written whole, each line with its newline: anything after the last one was cut off.
  if (carry.length > 0) throw damaged(path, line + 1, 'corrupt', 'problem.unfinishedLine', []);
  if (header === undefined) throw damaged(path, 1, 'corrupt', 'problem.empty', []);
  if (entries !== header.entries) throw damaged(path, line, 'corrupt', 'problem.entryCount', [header.entries, entries]);
  return header;
}

/** The first line as a header of this pair's segment named so, or a SegmentDamage saying what is wrong. */
function checkedHeader(path: string, text: string, pair: HistoryPair): SegmentHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged(path, 1, 'corrupt', 'problem.headerNotJson', []);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw damaged(path, 1, 'corrupt', 'problem.headerNotJson', []);
  const header = value as Record<string, unknown>;
  if (header.format !== SEGMENT_FORMAT) throw damaged(path, 1, 'foreign', 'problem.notIdMap', [JSON.stringify(header.format ?? null)]);
  if (header.version !== SEGMENT_VERSION) throw damaged(path, 1, 'foreign', 'problem.version', [JSON.stringify(header.version ?? null), SEGMENT_VERSION]);
  for (const [field, type] of [
    ['sourceOrgId', 'string'],
    ['targetOrgId', 'string'],
    ['run', 'string'],
    ['entries', 'number'],
  ] as const) {
    if (typeof header[field] !== type) throw damaged(path, 1, 'corrupt', 'problem.headerField', [field, type]);
  }
  const checked = header as SegmentHeader;
  const expected = shortPair(pair);
  if (checked.sourceOrgId !== expected.sourceOrgId || checked.targetOrgId !== expected.targetOrgId) {
    throw damaged(path, 1, 'foreign', 'problem.pair', [checked.sourceOrgId, checked.targetOrgId, expected.sourceOrgId, expected.targetOrgId]);
  }
  const run = runOfSegmentName(basename(path));
  // A run's segment says which run it folded; an import says `import` and is never rebuilt.
  if (checked.run !== (run ?? IMPORTED_RUN)) throw damaged(path, 1, 'corrupt', 'problem.runName', [checked.run, basename(path)]);
  if (run !== undefined && typeof checked.journalBytes !== 'number') throw damaged(path, 1, 'corrupt', 'problem.headerField', ['journalBytes', 'number']);
  return checked;
}

function damaged(path: string, line: number, kind: DamageKind, key: string, tokens: Array<string | number>): SegmentDamage {
  return new SegmentDamage(path, line, kind, messages.getMessage(key, tokens));
}
