import type { SObjectRow } from '../api/queryPages.js';
import type { RecordError } from '../api/collections.js';
import type { DescribeField } from '../schema/describeTypes.js';
import type { PreparedRecord } from '../transform/recordTransformer.js';
import { sameValue } from '../scan/valueCompare.js';
import { AMBIGUOUS_MATCH } from '../util/outcomeCodes.js';

/** What the sync does with one source record. */
export type Decision =
  | { kind: 'insert'; values: Record<string, unknown> }
  | {
      kind: 'update';
      targetId: string;
      /** Only the fields that differ. */
      changes: Record<string, unknown>;
      /** The target's values of those fields before the update: what rollback restores. */
      before: Record<string, unknown>;
    }
  | { kind: 'unchanged'; targetId: string }
  | { kind: 'skipped'; targetId: string | null; reason: string }
  | { kind: 'failed'; targetId: string | null; error: RecordError };

/**
 * Compares a prepared record with its matches in the target and decides: insert when there is none (if the
 * object allows inserts), update of the changed fields when there is one (if it allows updates), unchanged
 * when nothing differs, and a failure when the match key finds several target records.
 */
export function classify(
  prepared: PreparedRecord,
  matches: readonly SObjectRow[] | undefined,
  toggles: { insert: boolean; update: boolean },
  fields: readonly DescribeField[]
): Decision {
  if (prepared.failure) return { kind: 'failed', targetId: null, error: prepared.failure };
  if (!matches || matches.length === 0) {
    if (!toggles.insert) return { kind: 'skipped', targetId: null, reason: 'no match in the target and inserts are off' };
    return { kind: 'insert', values: insertable(prepared.values, fields) };
  }
  if (matches.length > 1) {
    return {
      kind: 'failed',
      targetId: null,
      error: {
        statusCode: AMBIGUOUS_MATCH,
        message: `${matches.length} target records match this record's key (${matches.map((m) => String(m.Id)).join(', ')}). Make the match key unique in the target or choose another key.`,
        fields: [],
      },
    };
  }
  const target = matches[0];
  const targetId = String(target.Id);
  const changes: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  for (const field of fields) {
    if (!field.updateable || !(field.name in prepared.values)) continue;
    const value = prepared.values[field.name];
    const current = target[field.name] ?? null;
    if (!sameValue(field.type, value, current)) {
      changes[field.name] = value;
      before[field.name] = current;
    }
  }
  if (Object.keys(changes).length === 0) return { kind: 'unchanged', targetId };
  if (!toggles.update) return { kind: 'skipped', targetId, reason: 'changed in the source but updates are off' };
  return { kind: 'update', targetId, changes, before };
}

/** Insert payload: createable fields only, nulls left out (Salesforce would default or reject them anyway). */
function insertable(values: Record<string, unknown>, fields: readonly DescribeField[]): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.createable && value !== null && value !== undefined) payload[field.name] = value;
  }
  return payload;
}
