/**
 * Back-dates seeded data: a real org's records are older than any sync's safety margin (the plugin's delta
 * sync leaves 10 minutes), so a dataset seeded "just now" would look like it is still being written. Every
 * record's CreatedDate, LastModifiedDate and SystemModstamp move back by the same amount, which keeps their
 * order and `LastModifiedDate <= SystemModstamp`. Stamps are shared strings (see RecordWriter.stamp), so
 * each distinct one is shifted once.
 */
import { formatDatetime } from './fieldValues.js';
import type { RecordStore } from './recordStore.js';
import type { SchemaIndex } from './schemaIndex.js';

const AUDIT_STAMPS = ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export function backdateAuditStamps(schema: SchemaIndex, store: RecordStore, ageDays: number): void {
  if (!(ageDays > 0)) return;
  const ageMs = ageDays * DAY_MS;
  const shifted = new Map<string, string>();
  const shift = (stamp: string): string => {
    let older = shifted.get(stamp);
    if (older === undefined) {
      older = formatDatetime(new Date(Date.parse(stamp.replace('+0000', 'Z')) - ageMs));
      shifted.set(stamp, older);
    }
    return older;
  };
  for (const info of schema.allObjects()) {
    for (const record of store.scan(info.name, true)) {
      // Not store.update: audit fields are not indexed, and a million journal-free writes should cost nothing more.
      for (const field of AUDIT_STAMPS) {
        const value = record[field];
        if (typeof value === 'string') record[field] = shift(value);
      }
    }
  }
}
