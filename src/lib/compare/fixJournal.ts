import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AtomicFile } from '../history/atomicFile.js';
import type { SchemaFix } from './schemaDifference.js';

/**
 * One `compare --fix`, journaled before anything leaves for the org and after each step, so that a later
 * `compare --fix` settles a deploy a killed process left running (and assigns its permission set), and so that
 * what was deployed to an org, when and by whom, stays on record next to the runs.
 */
export type FixRecord = {
  id: string;
  startedAt: string;
  source: { orgId: string; username: string };
  target: { orgId: string; username: string };
  fixes: SchemaFix[];
  /** The deployed package's files (paths), permission set included. */
  files: string[];
  permissionSet?: string;
  /**
   * `planned` (nothing sent yet), `deploying` (deploy() requested: `requestedAt`, then `deployId`), `deployed`
   * (succeeded; the permission set not assigned yet), `done`, `failed` (the org refused: nothing changed).
   */
  state: 'planned' | 'deploying' | 'deployed' | 'done' | 'failed';
  requestedAt?: string;
  deployId?: string;
  error?: string;
  finishedAt?: string;
};

const FOLDER = 'schema-fixes';

export function fixPath(journalRoot: string, id: string): string {
  return join(journalRoot, FOLDER, `${id}.json`);
}

/** Writes the record whole, in place of the last one (a reader sees one or the other, never half). */
export function saveFix(journalRoot: string, record: FixRecord): void {
  const file = new AtomicFile(fixPath(journalRoot, record.id));
  file.write(`${JSON.stringify(record, null, 2)}\n`);
  file.commit();
}

/** Every fix journaled under this root, oldest first; files that do not read as fixes are left alone. */
export function listFixes(journalRoot: string): FixRecord[] {
  const folder = join(journalRoot, FOLDER);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => {
      try {
        const record = JSON.parse(readFileSync(join(folder, name), 'utf8')) as FixRecord;
        return typeof record.id === 'string' && typeof record.state === 'string' ? [record] : [];
      } catch {
        return [];
      }
    });
}
