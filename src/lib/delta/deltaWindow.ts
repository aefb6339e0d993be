import { createHash } from 'node:crypto';
import type { ObjectDelta } from '../journal/runMeta.js';

/**
 * How far before an object's last sync date a delta starts reading. The last sync date is the moment the earlier
 * run started reading its sources, by this machine's clock, so the margin covers two things: the difference
 * between this machine's clock and the source org's (`SystemModstamp` is set by Salesforce's clock; NTP keeps
 * both within a second, the margin allows minutes), and transactions that were still running when the earlier
 * run read: Salesforce stamps a record when the transaction writes it, and it becomes visible when the
 * transaction commits, up to the 10-minute limit of an API request later. Records changed within the margin are
 * read again and found unchanged: they cost reads, never writes.
 */
export const DELTA_SAFETY_MARGIN_MS = 10 * 60_000;

/** Why an object is read the way it is, for the scan and the summary. */
export type WindowReason =
  /** `--sync-type full`. */
  | 'full'
  /** Delta from the last sync date less the margin. */
  | 'delta'
  /** Delta asked, but no earlier run synced the object cleanly with this template between these orgs. */
  | 'noEarlierSync'
  /** Delta asked, but the object's fields or filter changed since its last sync. */
  | 'definitionChanged'
  /** `--since DATE`. */
  | 'since';

/** How one object's source is read in this run. */
export type ObjectWindow = ObjectDelta & { reason: WindowReason };

/** A last sync date less the safety margin: the lower bound of a delta read. */
export function deltaLowerBound(lastSyncAt: string): string {
  return new Date(Date.parse(lastSyncAt) - DELTA_SAFETY_MARGIN_MS).toISOString();
}

/**
 * The SOQL filter of a delta read. `SystemModstamp`, not `LastModifiedDate`: Salesforce indexes it, it moves on
 * every write including automation's (a rollup, a flow), and it cannot be back-dated by an import. Seconds are
 * truncated, which moves the bound earlier: a few more records read, none missed.
 */
export function modifiedSinceFilter(since: string): string {
  return `SystemModstamp > ${new Date(since).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
}

/** A short hash of what defines an object's sync (its source query without the delta bound, its transformations). */
export function definitionOf(definition: string): string {
  return createHash('sha256').update(definition).digest('hex').slice(0, 16);
}
