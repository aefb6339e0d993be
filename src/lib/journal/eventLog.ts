import { closeSync, fsync, fsyncSync, openSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import type { JournalEvent } from './events.js';
import { eventProblem } from './eventShape.js';
import { readJsonLines } from './jsonLines.js';
import { repairTornTail, type TailRepair } from './tornTail.js';

export { CorruptJournalError } from './corruptJournal.js';

const fsyncFile = promisify(fsync);

/** Where writers journal their batches (an EventLog, or a test's array); `durable` waits for the disk. */
export type JournalSink<T> = { append(...events: T[]): void; durable?(): Promise<void> };

/**
 * An append-only JSON Lines file with owner-only permissions.
 *
 * Crash safety rests on two rules: a batch's intent is appended and made durable (`durable()`) before its
 * request is sent, and its results are appended right after the response, each as one `write` of whole lines.
 * A written line survives the process being killed (it is in the kernel's cache); `durable()` also makes it
 * survive the machine going down. A process killed mid-write can only leave a partial *last* line, without
 * its newline, which readers skip (that write was never acknowledged); a damaged line anywhere else means the
 * file was edited or truncated by something else and is an error. So before its first append to an existing
 * file, the log cuts such a partial line off (see repairTornTail): appended after it, the next event would be
 * glued onto it, and the journal would read as damaged from then on.
 *
 * `durable()` is a group commit: one fsync, off the event loop, covers every line appended before it started,
 * so the 25 batches a run starts at once wait for one fsync, not 25 blocking ones in a row (which held a
 * large run's event loop for seconds; README, Benchmarks). Results need no fsync of their own: the next intent's fsync
 * covers them, and results lost with the machine leave their batch in doubt, which a resume checks anyway.
 */
export class EventLog<T extends object> {
  private fd: number | undefined;
  /** Lines appended since the last fsync started. */
  private dirty = false;
  /** The fsync in progress, and the one queued after it for lines appended while it runs. */
  private syncing: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  /** `onRepair`: told when the log's end had to be repaired before the first append (commands warn). */
  public constructor(
    private readonly path: string,
    private readonly onRepair?: (repair: TailRepair) => void
  ) {}

  public append(...events: T[]): void {
    if (events.length === 0) return;
    if (this.fd === undefined) {
      const repair = repairTornTail(this.path);
      if (repair) this.onRepair?.(repair);
      this.fd = openSync(this.path, 'a', 0o600);
    }
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

/**
 * Reads every event of a run's log in order, each checked against its type (a line that is JSON but not an
 * event is a CorruptJournalError naming the line and the field, never a TypeError further on). A missing
 * file reads as empty. A partial last line (a crash mid-write) is skipped and reported through `onPartialTail`.
 * (`T` is always JournalEvent; the parameter only keeps callers' `readEvents<JournalEvent>` valid.)
 */
export async function* readEvents<T extends JournalEvent = JournalEvent>(path: string, onPartialTail?: (line: number) => void): AsyncGenerator<T> {
  for await (const value of readJsonLines(path, { onPartialTail, problemOf: eventProblem })) yield value as T;
}
