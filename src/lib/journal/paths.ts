import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { Messages, SfProject } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.journal');

/** Environment variable that moves every run journal (as `--journal-dir` does for one command). */
export const JOURNAL_DIR_ENV = 'SF_ISYNC_JOURNAL_DIR';

/**
 * Where run journals live: `--journal-dir`, else `$SF_ISYNC_JOURNAL_DIR`, else `.sf/isync/runs` in the sfdx
 * project the command runs in, else in the current folder. sfdx projects git-ignore `.sf/`, so record data
 * stays out of version control, and `report`/`retry`/`rollback` run from the same project find the run.
 */
export function journalRoot(explicit?: string, cwd: string = process.cwd()): string {
  if (explicit) return assertJournalFolder(explicit);
  const fromEnv = process.env[JOURNAL_DIR_ENV];
  if (fromEnv) return assertJournalFolder(fromEnv);
  let base = cwd;
  try {
    base = SfProject.resolveProjectPathSync(cwd);
  } catch {
    // Not in an sfdx project: the current folder.
  }
  return join(base, '.sf', 'isync', 'runs');
}

/**
 * The path, if it can hold run journals: missing (created on the first run) or a folder. A file there would
 * otherwise surface as a bare ENOTDIR or EEXIST from deep inside the journal code.
 */
export function assertJournalFolder(path: string): string {
  if (existsSync(path) && !statSync(path).isDirectory()) throw messages.createError('error.JournalDirNotFolder', [path]);
  return path;
}

/** Run ids sort by start time (newest last) and stay unique across concurrent runs: `20261127T081500Z-3f9a1c`. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export const RUN_ID_PATTERN = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;
