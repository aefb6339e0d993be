import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** How far back a chunk of the search for the last newline reads. */
const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

/** What was done to the end of a log before appending to it. */
export type TailRepair =
  /** The log ended with a half-written line: those bytes are now in `sideFile`, the log ends at the line before. */
  | { kind: 'cut'; sideFile: string; bytes: number }
  /** The last line was whole (JSON, or blank) but had no newline (an edit by hand): the newline was added. */
  | { kind: 'terminated' };

/**
 * Makes an existing log end with a newline before anything is appended to it. A process killed mid-write
 * leaves half a line at the end; appending after it would glue the next event onto it and make a line that
 * no reader can take for a crash artifact any more (it would be damaged and no longer the last). The half
 * line is cut off (truncated to just after the last newline), and its bytes kept beside the log in
 * `<log>.torn-<time>` (owner-only) for forensics. Nothing is done to a missing or empty log, or one that
 * already ends with a newline (the usual case: one read of one byte).
 *
 * Synchronous, like the appends it precedes. The side file is on disk before the log is truncated, and the
 * truncation before the first append, so a crash at any point loses no byte.
 */
export function repairTornTail(path: string, now: Date = new Date()): TailRepair | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0 || byteAt(fd, size - 1) === NEWLINE) return undefined;
    const keep = afterLastNewline(fd, size);
    const tail = Buffer.alloc(size - keep);
    readSync(fd, tail, 0, tail.length, keep);
    if (isWholeLine(tail.toString('utf8'))) {
      writeSync(fd, '\n', size);
      fsyncSync(fd);
      return { kind: 'terminated' };
    }
    const sideFile = writeSideFile(path, tail, now);
    ftruncateSync(fd, keep);
    fsyncSync(fd);
    return { kind: 'cut', sideFile, bytes: tail.length };
  } finally {
    closeSync(fd);
  }
}

function byteAt(fd: number, position: number): number {
  const byte = Buffer.alloc(1);
  readSync(fd, byte, 0, 1, position);
  return byte[0];
}

/** The offset just after the last newline of the file (0 when it has none), read backwards a chunk at a time. */
function afterLastNewline(fd: number, size: number): number {
  const chunk = Buffer.alloc(Math.min(CHUNK, size));
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - chunk.length);
    const length = end - start;
    readSync(fd, chunk, 0, length, start);
    const index = chunk.subarray(0, length).lastIndexOf(NEWLINE);
    if (index !== -1) return start + index + 1;
    end = start;
  }
  return 0;
}

/**
 * A line that only lacks its newline: JSON (every event is an object, so no strict prefix of one parses) or
 * white space. Such a line loses nothing when terminated, and readers take it as a line already.
 */
function isWholeLine(text: string): boolean {
  if (/^\s*$/.test(text)) return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Writes the cut bytes to a new owner-only file beside the log, durably; never overwrites an earlier one. */
function writeSideFile(path: string, bytes: Buffer, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '');
  for (let attempt = 1; ; attempt++) {
    const sideFile = `${path}.torn-${stamp}${attempt === 1 ? '' : `-${attempt}`}`;
    let fd: number;
    try {
      fd = openSync(sideFile, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    syncFolder(dirname(path));
    return sideFile;
  }
}

/** Makes the side file's name durable too; some systems cannot open a folder, and then the name waits for the kernel. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot fsync a folder; the file's own fsync already holds its bytes.
  }
}
