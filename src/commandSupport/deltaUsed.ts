import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import { DELTA_SAFETY_MARGIN_MS, type WindowReason } from '../lib/delta/deltaWindow.js';
import type { DeltaSetup } from '../lib/run/deltaSetup.js';
import type { SyncType } from '../lib/template/syncTemplate.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.run');

/** How a run read each object's source (`--json`: `sync`). */
export type DeltaUsed = {
  type: SyncType;
  includeDeleted: boolean;
  /** Minutes before each last sync date that a delta starts reading. */
  marginMinutes: number;
  objects: Array<{ object: string; since: string | null; lastSyncAt?: string; lastRunId?: string; reason: WindowReason }>;
};

/**
 * Tells the user how a delta reads: which objects are read since when, and which in full and why (no earlier
 * sync: "behaves as full, and says so"). A full run says nothing.
 */
export function reportDelta(command: SfCommand<unknown>, delta: DeltaSetup): DeltaUsed {
  const objects = [...delta.windows].map(([object, window]) => ({
    object,
    since: window.since,
    ...(window.lastSyncAt ? { lastSyncAt: window.lastSyncAt, lastRunId: window.lastRunId } : {}),
    reason: window.reason,
  }));
  const names = (reason: WindowReason): string =>
    objects
      .filter((entry) => entry.reason === reason)
      .map((entry) => entry.object)
      .join(', ');
  const minutes = DELTA_SAFETY_MARGIN_MS / 60_000;
  if (delta.sync.type === 'delta') {
    // Objects last synced by the same run share their date: one line for them all.
    const byDate = new Map<string, typeof objects>();
    for (const entry of objects.filter((candidate) => candidate.reason === 'delta'))
      byDate.set(entry.lastSyncAt!, [...(byDate.get(entry.lastSyncAt!) ?? []), entry]);
    for (const [lastSyncAt, entries] of byDate) {
      command.log(messages.getMessage('info.deltaObject', [entries.map((entry) => entry.object).join(', '), lastSyncAt, entries[0].since, minutes]));
    }
    for (const reason of ['noEarlierSync', 'definitionChanged', 'since'] as const) {
      const list = names(reason);
      if (list) command.log(messages.getMessage(`info.delta.${reason}`, [list, objects.find((entry) => entry.reason === reason)?.since ?? '']));
    }
  }
  if (delta.sync.includeDeleted) command.log(messages.getMessage('info.includeDeleted'));
  return { type: delta.sync.type, includeDeleted: delta.sync.includeDeleted, marginMinutes: minutes, objects };
}
