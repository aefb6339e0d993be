import { createReadStream } from 'node:fs';
import { CorruptJournalError } from './corruptJournal.js';

const NEWLINE = 0x0a;

export type JsonLinesOptions = {
  /** Called with the line number of an unfinished last line (no newline, not JSON), which is skipped. */
  onPartialTail?(line: number): void;
  /** What is wrong with a parsed line, or undefined when it is good: a problem makes it a CorruptJournalError. */
  problemOf?(value: unknown): string | undefined;
};

/**
 * Reads a JSON Lines file value by value, streaming (journals run to hundreds of MB). A missing file reads
 * as empty; blank lines are skipped.
 *
 * It splits the bytes itself, rather than through readline, to know whether each line ended with its newline:
 * a writer appends whole lines, each with its newline, in one write, so the only damage a crash can leave is a
 * last line without its newline. That line is skipped when it is not JSON (the write never completed) and
 * reported through `onPartialTail`. Any other line that is not JSON, even the last one when it has its
 * newline, was damaged by something else: a CorruptJournalError naming the line.
 */
export async function* readJsonLines(path: string, options: JsonLinesOptions = {}): AsyncGenerator<unknown> {
  const stream = await openOrUndefined(path);
  if (!stream) return;
  let pieces: Buffer[] = [];
  let line = 0;
  /** A terminated line that is not JSON: which error it is depends on whether another line follows. */
  let notJson: number | undefined;
  const parse = (text: string, terminated: boolean): unknown => {
    if (notJson !== undefined) throw new CorruptJournalError(path, notJson, { kind: 'notJson', last: false });
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (terminated) notJson = line;
      else options.onPartialTail?.(line);
      return undefined;
    }
    const problem = options.problemOf?.(value);
    if (problem !== undefined) throw new CorruptJournalError(path, line, { kind: 'notAnEvent', problem });
    return value;
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, end);
      const text = pieces.length === 0 ? piece.toString('utf8') : Buffer.concat([...pieces, piece]).toString('utf8');
      pieces = [];
      start = end + 1;
      line++;
      if (isBlank(text)) continue;
      const value = parse(text, true);
      if (value !== undefined) yield value;
    }
    if (start < chunk.length) pieces.push(chunk.subarray(start));
  }
  if (pieces.length > 0) {
    line++;
    const text = Buffer.concat(pieces).toString('utf8');
    const value = isBlank(text) ? undefined : parse(text, false);
    if (value !== undefined) yield value;
  }
  if (notJson !== undefined) throw new CorruptJournalError(path, notJson, { kind: 'notJson', last: true });
}

async function openOrUndefined(path: string): Promise<ReturnType<typeof createReadStream> | undefined> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return stream;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isBlank(text: string): boolean {
  // Anchored: gives up at the first character that is not white space, so a long line costs nothing.
  return /^\s*$/.test(text);
}
