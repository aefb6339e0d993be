import type { JournalSink } from '../journal/eventLog.js';
import type { JournalEvent } from '../journal/events.js';
import { emptyCounts, type ObjectSummary } from '../journal/runMeta.js';
import type { EngineEvent } from '../load/engineRun.js';
import type { RunListener } from './runEvents.js';

export type NoteCount = { object: string; note: string; count: number };
export type FailureCount = { object: string; code: string; count: number };

/**
 * Listens to the engine's events and keeps what the run's result and journal header show: each object's
 * summary, the notes (counted per kind: "owner not found" repeats per record, and is journaled once), and the
 * failures by object and error code. Progress goes on to the command's listener.
 */
export class RunTally {
  public readonly summaries: Map<string, ObjectSummary>;
  private readonly notes = new Map<string, NoteCount>();
  private readonly failures = new Map<string, FailureCount>();

  public constructor(
    objects: ReadonlyArray<{ name: string; match: string }>,
    private readonly journal: JournalSink<JournalEvent>,
    private readonly listener: RunListener | undefined
  ) {
    this.summaries = new Map(objects.map((object) => [object.name, pendingSummary(object.name, object.match)]));
  }

  public readonly handle = (event: EngineEvent): void => {
    switch (event.type) {
      case 'progress': {
        const entry = this.summaries.get(event.progress.object)!;
        Object.assign(entry, event.progress.counts, { status: event.progress.status, elapsedMs: event.progress.elapsedMs, matched: event.progress.matched });
        this.listener?.({ type: 'object', progress: event.progress });
        break;
      }
      case 'note':
        this.countNote(event.object, event.note);
        break;
      case 'failure': {
        const key = `${event.object}\u0000${event.code}`;
        const entry = this.failures.get(key) ?? { object: event.object, code: event.code, count: 0 };
        entry.count++;
        this.failures.set(key, entry);
        break;
      }
    }
  };

  public get noteCounts(): NoteCount[] {
    return [...this.notes.values()];
  }

  public get failureCounts(): FailureCount[] {
    return [...this.failures.values()];
  }

  public get anyFailed(): boolean {
    return [...this.summaries.values()].some((entry) => entry.failed > 0);
  }

  private countNote(object: string, note: string): void {
    // Notes repeat per record (e.g. "owner not found"): count them instead of listing each.
    const generic = note.replace(/\b[a-zA-Z0-9]{15,18}\b/g, '…');
    const key = `${object}\u0000${generic}`;
    const entry = this.notes.get(key) ?? { object, note: generic, count: 0 };
    entry.count++;
    this.notes.set(key, entry);
    if (entry.count === 1) this.journal.append({ type: 'note', object, sourceId: '', note });
  }
}

/** `match`: how the object is matched, as `matchText` says it. */
export function pendingSummary(object: string, match: string): ObjectSummary {
  return { object, status: 'pending', elapsedMs: 0, ...emptyCounts(), match, matched: { history: 0, key: 0 } };
}
