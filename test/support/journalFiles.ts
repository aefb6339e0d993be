import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalEvent } from '../../src/lib/journal/events.js';

/** Every event of a run's journal, in order (tests read the journal as a user's tools would). */
export function journalEvents(journalDir: string): JournalEvent[] {
  return readFileSync(join(journalDir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JournalEvent);
}

/** Writes an emulator schema file (packages/org-emulator/src/schema/README.md) to a temporary folder; returns its path. */
export function writeSchemaFile(changes: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'isync-schema-')), 'schema.json');
  writeFileSync(path, JSON.stringify(changes));
  return path;
}
