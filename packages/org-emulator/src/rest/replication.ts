/**
 * The replication resources (API 29.0+), as `resources_getdeleted.htm` / `resources_getupdated.htm` document
 * them:
 * - `GET sobjects/{T}/deleted/?start=&end=`: `{deletedRecords: [{id, deletedDate}], earliestDateAvailable,
 *   latestDateCovered}`, what is still in the recycle bin, 15 days back at most;
 * - `GET sobjects/{T}/updated/?start=&end=`: `{ids, latestDateCovered}`, 30 days back at most.
 * Both read SystemModstamp, truncate start and end to the minute, need start before end and inside the window
 * (else 400 INVALID_REPLICATION_DATE) and refuse more than 600,000 ids (EXCEEDED_ID_LIMIT). A record counts
 * when start <= SystemModstamp < end, so consecutive windows that start at `latestDateCovered` see it once.
 */
import { apiError, type EmulatorRequest, type EmulatorResponse } from '../http/types.js';
import { formatDatetime } from '../org/fieldValues.js';
import { RECYCLE_BIN_RETENTION_MS } from '../org/recycleBin.js';
import type { StoredRecord } from '../soql/types.js';
import { notFound } from '../http/router.js';
import type { RestContext } from './restContext.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** resources_getupdated.htm: getUpdated reaches back 30 days. */
const UPDATED_WINDOW_MS = 30 * DAY_MS;
/** resources_getdeleted.htm / getupdated.htm: more ids than this answer EXCEEDED_ID_LIMIT. */
export const MAX_REPLICATION_IDS = 600_000;
const MINUTE_MS = 60_000;

type Window = { start: number; end: number; latestDateCovered: number };

/** ISO 8601 with a `+0000`, `+00:00` or `Z` zone; a `+` decoded to a space by a careless client is taken back. */
function parseDatetime(text: string | null): number | undefined {
  if (text === null) return undefined;
  const iso = text
    .trim()
    .replace(/ (\d{2}:?\d{2})$/, '+$1')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

function replicationWindow(req: EmulatorRequest, now: number, reachMs: number): Window | EmulatorResponse {
  const startText = req.query.get('start');
  const endText = req.query.get('end');
  if (startText === null || endText === null) return apiError(400, 'MISSING_ARGUMENT', `Missing required parameter: ${startText === null ? 'start' : 'end'}`);
  const start = parseDatetime(startText);
  const end = parseDatetime(endText);
  if (start === undefined || end === undefined) {
    return apiError(400, 'INVALID_REPLICATION_DATE', `Invalid date/time: ${start === undefined ? startText : endText}`);
  }
  // Seconds are truncated (the docs' word): both bounds fall to their minute.
  const window = { start: start - (start % MINUTE_MS), end: end - (end % MINUTE_MS) };
  if (window.start >= window.end) return apiError(400, 'INVALID_REPLICATION_DATE', 'startDate must chronologically precede endDate');
  if (window.start < now - reachMs) return apiError(400, 'INVALID_REPLICATION_DATE', `startDate is earlier than ${reachMs / DAY_MS} days ago`);
  const nowMinute = now - (now % MINUTE_MS);
  return { ...window, latestDateCovered: Math.min(window.end, nowMinute) };
}

function stampOf(record: StoredRecord): number {
  return typeof record.SystemModstamp === 'string' ? Date.parse(record.SystemModstamp.replace('+0000', 'Z')) : Number.NaN;
}

function inWindow(record: StoredRecord, window: Window): boolean {
  const stamp = stampOf(record);
  return stamp >= window.start && stamp < window.latestDateCovered;
}

function objectNameOf(ctx: RestContext, typeName: string): string | undefined {
  return ctx.org.schema.object(typeName)?.name;
}

export function getDeleted(req: EmulatorRequest, ctx: RestContext, [typeName]: string[]): EmulatorResponse {
  const objectName = objectNameOf(ctx, typeName);
  if (!objectName) return notFound();
  const now = ctx.org.now().getTime();
  const window = replicationWindow(req, now, RECYCLE_BIN_RETENTION_MS);
  if ('status' in window) return window;
  const deletedRecords: Array<{ id: string; deletedDate: string }> = [];
  for (const record of ctx.org.store.scan(objectName, true)) {
    if (!record.IsDeleted || !inWindow(record, window)) continue;
    if (deletedRecords.length === MAX_REPLICATION_IDS) return tooManyIds();
    deletedRecords.push({ id: record.Id, deletedDate: record.SystemModstamp as string });
  }
  // The last physical delete of this object's rows, or the bin's reach when none was purged.
  const purged = ctx.org.recycleBin.lastPurgeOf(objectName);
  const earliest = Math.max(purged ?? 0, now - RECYCLE_BIN_RETENTION_MS);
  return {
    status: 200,
    body: {
      deletedRecords,
      earliestDateAvailable: formatDatetime(new Date(earliest - (earliest % MINUTE_MS))),
      latestDateCovered: formatDatetime(new Date(window.latestDateCovered)),
    },
  };
}

export function getUpdated(req: EmulatorRequest, ctx: RestContext, [typeName]: string[]): EmulatorResponse {
  const objectName = objectNameOf(ctx, typeName);
  if (!objectName) return notFound();
  const window = replicationWindow(req, ctx.org.now().getTime(), UPDATED_WINDOW_MS);
  if ('status' in window) return window;
  const ids: string[] = [];
  for (const record of ctx.org.store.scan(objectName, false)) {
    if (!inWindow(record, window)) continue;
    if (ids.length === MAX_REPLICATION_IDS) return tooManyIds();
    ids.push(record.Id);
  }
  return { status: 200, body: { ids, latestDateCovered: formatDatetime(new Date(window.latestDateCovered)) } };
}

function tooManyIds(): EmulatorResponse {
  return apiError(400, 'EXCEEDED_ID_LIMIT', `The number of ids exceeds ${MAX_REPLICATION_IDS}; narrow the start and end dates`);
}
