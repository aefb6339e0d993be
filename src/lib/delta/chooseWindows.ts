import type { SyncType } from '../template/syncTemplate.js';
import { deltaLowerBound, type ObjectWindow } from './deltaWindow.js';
import type { LastSync } from './lastSyncDates.js';

export type WindowRequest = {
  syncType: SyncType;
  /** `--since DATE` (ISO): every object is read from there, whatever its last sync date. */
  since?: string;
};

/**
 * How each object's source is read: in full, or from its last sync date less the safety margin. `definitions`
 * holds each object's source query hash (see definitionOf), `last` the last sync dates (see lastSyncDates).
 * Deletions (`--include-deleted`) use the same bound, so both reads cover the same time.
 */
export function chooseWindows(request: WindowRequest, definitions: ReadonlyMap<string, string>, last: ReadonlyMap<string, LastSync>): Map<string, ObjectWindow> {
  const windows = new Map<string, ObjectWindow>();
  for (const [object, definition] of definitions) {
    const previous = last.get(object);
    const lastSync = previous ? { lastSyncAt: previous.at, lastRunId: previous.runId } : {};
    if (request.since) windows.set(object, { since: request.since, definition, reason: 'since', ...lastSync });
    else if (request.syncType === 'full') windows.set(object, { since: null, definition, reason: 'full', ...lastSync });
    else if (!previous) windows.set(object, { since: null, definition, reason: 'noEarlierSync' });
    else if (previous.definition !== definition) windows.set(object, { since: null, definition, reason: 'definitionChanged', ...lastSync });
    else windows.set(object, { since: deltaLowerBound(previous.at), definition, reason: 'delta', ...lastSync });
  }
  return windows;
}
