import { AtomicFile } from './atomicFile.js';

/**
 * A segment file: the source -> target ids one run (or one import) contributes to a pair's history map. Text,
 * one entry a line, so that millions of lines read fast and a person can look into one:
 *
 *   {"format":"sf-isync-idmap","version":1,"sourceOrgId":"00D…","targetOrgId":"00D…","run":"<runId>",…}
 *   @Account                                  (the object of the entries below it)
 *   +001000000000001 001t00000000001AAA       (a source id, 15 characters, maps to a target id, 18)
 *   -001000000000001 001t00000000001AAA       (a rollback deleted that target record)
 *
 * A removal names the target record it deleted, not only the source record: it is journaled in the rolled
 * back run's journal, so its segment sorts by that run's start, before the segments of later runs, which may
 * have found the same record since (unchanged, updated). A deleted record is gone whichever run mapped it,
 * so the loader drops every mapping to it, in any segment (see newMapState).
 */
export const SEGMENT_FORMAT = 'sf-isync-idmap';
export const SEGMENT_VERSION = 1;
/** The `run` of an imported segment. */
export const IMPORTED_RUN = 'import';

export type SegmentHeader = {
  format: typeof SEGMENT_FORMAT;
  version: typeof SEGMENT_VERSION;
  sourceOrgId: string;
  targetOrgId: string;
  /** The run folded into the segment, or `import`. */
  run: string;
  /** A run's segment: the size of `events.jsonl` it was folded from; another size means it is stale. */
  journalBytes?: number;
  /** Entry lines (`+` and `-`): a different count means the file was cut short or edited. */
  entries: number;
};

/**
 * The header is written last, when the count is known, over a placeholder of blanks this long: so a million
 * entries stream through in one pass, never held in memory. JSON ignores the blanks after the object.
 */
export const HEADER_BYTES = 512;

/** Writes one segment, atomically (AtomicFile): a reader sees the old segment or the new one. */
export class SegmentWriter {
  private readonly file: AtomicFile;
  private object: string | undefined;
  private entries = 0;

  public constructor(path: string, private readonly header: Omit<SegmentHeader, 'format' | 'version' | 'entries'>) {
    this.file = new AtomicFile(path);
    this.file.write(' '.repeat(HEADER_BYTES - 1) + '\n');
  }

  /** `sourceId`: 15 characters; `targetId`: 18. */
  public add(object: string, sourceId: string, targetId: string): void {
    this.line(object, `+${sourceId} ${targetId}\n`);
  }

  /** The target record `targetId` (18 characters), which `sourceId` was mapped to, was deleted. */
  public remove(object: string, sourceId: string, targetId: string): void {
    this.line(object, `-${sourceId} ${targetId}\n`);
  }

  /** Writes the header over its placeholder and puts the segment in place; returns the entry count. */
  public commit(): number {
    const header: SegmentHeader = { format: SEGMENT_FORMAT, version: SEGMENT_VERSION, ...this.header, entries: this.entries };
    const text = JSON.stringify(header);
    try {
      if (text.length >= HEADER_BYTES) throw new Error(`segment header longer than ${HEADER_BYTES - 1} bytes: ${text}`);
      this.file.writeAt(text, 0);
    } catch (error) {
      this.file.abort();
      throw error;
    }
    this.file.commit();
    return this.entries;
  }

  /** Drops what was written (the segment in place, if any, stays as it was). */
  public abort(): void {
    this.file.abort();
  }

  private line(object: string, text: string): void {
    if (object !== this.object) {
      this.object = object;
      this.file.write(`@${object}\n`);
    }
    this.file.write(text);
    this.entries++;
  }
}
