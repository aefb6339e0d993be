import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Lifecycle, Messages, type SfError } from '@salesforce/core';
import { EventLog } from './eventLog.js';
import { RUN_ID_PATTERN } from './paths.js';
import type { RunMeta } from './runMeta.js';
import { runMetaProblem } from './runMetaShape.js';
import type { JournalEvent } from './events.js';
import type { TailRepair } from './tornTail.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.journal');

export const META_FILE = 'run.json';
export const EVENTS_FILE = 'events.jsonl';

/** Thrown for a run id that has no journal; commands turn it into an SfError with actions. */
export class RunNotFoundError extends Error {
  public constructor(public readonly runId: string, public readonly root: string) {
    super(`No run ${runId} in ${root}.`);
    this.name = 'RunNotFoundError';
  }
}

/**
 * The folder of run journals: one sub-folder per run holding `run.json` (the header) and `events.jsonl` (the
 * record-level log). Folders are owner-only (0700) and files 0600: journals hold record data.
 */
export class RunStore {
  public constructor(public readonly root: string) {}

  public runDir(runId: string): string {
    return join(this.root, runId);
  }

  public create(meta: RunMeta): RunJournal {
    mkdirSync(this.root, { recursive: true, mode: 0o700 });
    mkdirSync(this.runDir(meta.runId), { mode: 0o700 });
    const journal = new RunJournal(this.runDir(meta.runId), meta);
    journal.saveMeta();
    return journal;
  }

  public open(runId: string): RunJournal {
    const dir = this.runDir(runId);
    const metaPath = join(dir, META_FILE);
    if (!RUN_ID_PATTERN.test(runId) || !existsSync(metaPath)) throw new RunNotFoundError(runId, this.root);
    return new RunJournal(dir, readMeta(runId, metaPath));
  }

  /** Run ids, newest first (ids sort by start time). */
  public list(): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && RUN_ID_PATTERN.test(entry.name) && existsSync(join(this.root, entry.name, META_FILE)))
      .map((entry) => entry.name)
      .sort()
      .reverse();
  }

  public latest(): string | undefined {
    return this.list()[0];
  }
}

/**
 * A run's header, checked field by field against RunMeta, so that commands can trust every field they read
 * (an unknown state, a missing template would crash them far from here). `run.json` is written atomically,
 * so a damaged one was edited by hand or by another tool, and is reported with the field and the way out.
 */
function readMeta(runId: string, metaPath: string): RunMeta {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(metaPath, 'utf8'));
  } catch (error) {
    throw metaDamaged(runId, metaPath, (error as Error).message);
  }
  const problem = runMetaProblem(value);
  if (problem !== undefined) throw metaDamaged(runId, metaPath, problem);
  const meta = value as RunMeta;
  // Runs of `execute` without --dry-run have been written without the field: they wrote, they are not dry.
  meta.dryRun ??= false;
  // Runs written before --include-deleted have no deleted count.
  for (const entry of meta.objects) entry.deleted ??= 0;
  return meta;
}

function metaDamaged(runId: string, metaPath: string, reason: string): SfError {
  return messages.createError('error.RunMetaDamaged', [runId, metaPath, reason], [metaPath, dirname(metaPath)]);
}

/** One run's journal: its header and its event log. */
export class RunJournal {
  public readonly events: EventLog<JournalEvent>;

  public constructor(public readonly dir: string, public meta: RunMeta) {
    this.events = new EventLog(join(dir, EVENTS_FILE), (repair) => warnRepaired(this.eventsPath, repair));
  }

  public get eventsPath(): string {
    return join(this.dir, EVENTS_FILE);
  }

  /** Writes `run.json` atomically (temp file + rename), so a crash never leaves half a header. */
  public saveMeta(): void {
    this.meta.updatedAt = new Date().toISOString();
    const path = join(this.dir, META_FILE);
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.meta, null, 2) + '\n', { mode: 0o600 });
    renameSync(temp, path);
  }
}

/** Tells the user (through the command's warnings, also in --json) that a crash's half line was set aside. */
function warnRepaired(eventsPath: string, repair: TailRepair): void {
  if (repair.kind === 'cut') void Lifecycle.getInstance().emitWarning(messages.getMessage('warning.TornTailCut', [eventsPath, repair.sideFile]));
}
