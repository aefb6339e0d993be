import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Text is written in pieces about this large: one write a line would cost a system call each. */
const WRITE_CHARS = 1 << 20;

let tempCount = 0;

/**
 * A file written through a temporary file next to it and renamed over it by `commit()`, so that a reader sees
 * the old file or the new one, never half of one; `abort()` leaves the old one as it was. Owner-only (0600,
 * folders created 0700), as the journals: the files hold record ids. Buffered, so millions of short lines
 * stream through in few writes.
 */
export class AtomicFile {
  private readonly temp: string;
  private readonly fd: number;
  private pending: string[] = [];
  private pendingChars = 0;
  private done = false;

  public constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.temp = `${path}.${process.pid}-${++tempCount}.tmp`;
    this.fd = openSync(this.temp, 'w', 0o600);
  }

  public write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= WRITE_CHARS) this.flush();
  }

  /** Writes `text` over the bytes at `position` (already written); what is buffered is written first. */
  public writeAt(text: string, position: number): void {
    this.flush();
    writeSync(this.fd, text, position);
  }

  /**
   * Makes the file durable, then puts it in place. The fsync matters for what has no other copy (an imported
   * map, an export); a cache rebuilt from journals pays it once a file, not once a line.
   */
  public commit(): void {
    try {
      this.flush();
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.done = true;
      renameSync(this.temp, this.path);
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  public abort(): void {
    if (!this.done) closeSync(this.fd);
    this.done = true;
    rmSync(this.temp, { force: true });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }
}
