import type { RecordError } from '../api/collections.js';
import type { OutcomeOperation, RecordOutcome } from '../journal/recordOutcomes.js';

/** A failed record as the error export writes it. */
export type FailedRecord = {
  object: string;
  sourceId: string;
  targetId: string | null;
  operation: OutcomeOperation;
  error: RecordError;
  values: Record<string, unknown>;
};

/** Failures of one object with one error code: how many, one message to show, and every failed source id. */
export type FailureGroup = {
  object: string;
  errorCode: string;
  count: number;
  sampleMessage: string;
  operations: OutcomeOperation[];
  sourceIds: string[];
};

const UNKNOWN_ERROR: RecordError = { statusCode: 'UNKNOWN_EXCEPTION', message: 'No error was journaled for this record.', fields: [] };

export function failedRecordOf(outcome: RecordOutcome): FailedRecord {
  return {
    object: outcome.object,
    sourceId: outcome.sourceId,
    targetId: outcome.targetId,
    operation: outcome.operation,
    error: outcome.error ?? UNKNOWN_ERROR,
    values: outcome.values ?? {},
  };
}

/** Groups failures by object (in `objectOrder`, then any other), then by error code, most frequent first. */
export function groupFailures(failures: readonly FailedRecord[], objectOrder: readonly string[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const failure of failures) {
    const key = `${failure.object}\u0000${failure.error.statusCode}`;
    let group = groups.get(key);
    if (!group) {
      group = { object: failure.object, errorCode: failure.error.statusCode, count: 0, sampleMessage: failure.error.message, operations: [], sourceIds: [] };
      groups.set(key, group);
    }
    group.count++;
    group.sourceIds.push(failure.sourceId);
    if (!group.operations.includes(failure.operation)) group.operations.push(failure.operation);
  }
  const rank = (object: string): number => {
    const index = objectOrder.indexOf(object);
    return index === -1 ? objectOrder.length : index;
  };
  return [...groups.values()].sort(
    (a, b) => rank(a.object) - rank(b.object) || a.object.localeCompare(b.object) || b.count - a.count || a.errorCode.localeCompare(b.errorCode)
  );
}
