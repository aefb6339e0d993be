import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Messages, SfError } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.journal');

/**
 * An append-only JSON Lines file with owner-only permissions, flushed to disk at each `append`.
 *
 * Crash safety rests on two rules: a batch's intent is appended (and fsynced) before its request is sent, and
 * its results right after the response, each as one `write` of whole lines. A process killed mid-write can
 * therefore only leave a partial *last* line, which readers skip (that write was never acknowledged); a
 * damaged line anywhere else means the file was edited or truncated by something else and is an error.
 */
export class EventLog<T extends object> {
  private fd: number | undefined;

  public constructor(private readonly path: string) {}

  public append(...events: T[]): void {
    if (events.length === 0) return;
    this.fd ??= openSync(this.path, 'a', 0o600);
    writeSync(this.fd, events.map((event) => JSON.stringify(event)).join('\n') + '\n');
    fsyncSync(this.fd);
  }

  public close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
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
