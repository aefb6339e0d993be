import { closeSync, fsync, fsyncSync, openSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Messages, SfError } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.journal');

const fsyncFile = promisify(fsync);

/** Where writers journal their batches (an EventLog, or a test's array); `durable` waits for the disk. */
export type JournalSink<T> = { append(...events: T[]): void; durable?(): Promise<void> };

/**
 * An append-only JSON Lines file with owner-only permissions.
 *
 * Crash safety rests on two rules: a batch's intent is appended and made durable (`durable()`) before its
 * request is sent, and its results are appended right after the response, each as one `write` of whole lines.
 * A written line survives the process being killed (it is in the kernel's cache); `durable()` also makes it
 * survive the machine going down. A process killed mid-write can only leave a partial *last* line, which
 * readers skip (that write was never acknowledged); a damaged line anywhere else means the file was edited or
 * truncated by something else and is an error.
 *
 * `durable()` is a group commit: one fsync, off the event loop, covers every line appended before it started,
 * so the 25 batches a run starts at once wait for one fsync, not 25 blocking ones in a row (which held a
 * 100,000-record run's event loop for 1.6 s). Results need no fsync of their own: the next intent's fsync
 * covers them, and results lost with the machine leave their batch in doubt, which a resume checks anyway.
 */
export class EventLog<T extends object> {
  private fd: number | undefined;
  /** Lines appended since the last fsync started. */
  private dirty = false;
  /** The fsync in progress, and the one queued after it for lines appended while it runs. */
  private syncing: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  public constructor(private readonly path: string) {}

  public append(...events: T[]): void {
    if (events.length === 0) return;
    this.fd ??= openSync(this.path, 'a', 0o600);
    writeSync(this.fd, events.map((event) => JSON.stringify(event)).join('\n') + '\n');
    this.dirty = true;
  }

  /** Resolves once every line appended so far is on disk. */
  public durable(): Promise<void> {
    if (!this.dirty) return this.syncing ?? Promise.resolve();
    if (!this.syncing) {
      this.syncing = this.sync();
      return this.syncing;
    }
    // The fsync running may have started before these lines: one more after it, shared by all who wait now.
    this.queued ??= this.syncing.then(() => {
      this.queued = undefined;
      return this.durable();
    });
    return this.queued;
  }

  public close(): void {
    if (this.fd !== undefined) {
      if (this.dirty) fsyncSync(this.fd);
      closeSync(this.fd);
    }
    this.fd = undefined;
    this.dirty = false;
  }

  private async sync(): Promise<void> {
    this.dirty = false;
    try {
      if (this.fd !== undefined) await fsyncFile(this.fd);
    } finally {
      this.syncing = undefined;
    }
  }
}

/** A damaged line that a crash cannot explain: an SfError, so that every command shows its actions. */
export class CorruptJournalError extends SfError {
  public constructor(
    public readonly path: string,
    public readonly line: number
  ) {
    super(
      messages.getMessage('error.CorruptJournal', [path, line]),
      'CorruptJournalError',
      messages.getMessages('error.CorruptJournal.actions', [line, path])
    );
  }
}

/**
 * Reads every complete event of a log in order. A missing file reads as empty. A partial last line (a crash
 * mid-write) is skipped and reported through `onPartialTail`.
 */
export async function* readEvents<T>(path: string, onPartialTail?: (line: number) => void): AsyncGenerator<T> {
  let stream: ReturnType<typeof createReadStream>;
  try {
    stream = createReadStream(path, { encoding: 'utf8' });
    const opening = stream;
    await new Promise<void>((resolve, reject) => {
      opening.once('open', () => resolve());
      opening.once('error', reject);
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let pending: { text: string; number: number } | undefined;
  let number = 0;
  for await (const text of lines) {
    number++;
    if (pending) yield parseLine<T>(path, pending.text, pending.number);
    pending = text.length > 0 ? { text, number } : undefined;
  }
  if (!pending) return;
  // readline cannot tell whether the last line had its newline; a line that does not parse can only be the
  // unfinished last write of a killed process.
  try {
    yield JSON.parse(pending.text) as T;
  } catch {
    onPartialTail?.(pending.number);
  }
}

function parseLine<T>(path: string, text: string, line: number): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CorruptJournalError(path, line);
  }
}
