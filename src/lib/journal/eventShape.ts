import { Messages } from '@salesforce/core';
import type { JournalEvent, JournalOperation } from './events.js';
import { RUN_STATES } from './runState.js';
import { aBoolean, anObject, aString, isPlainObject, listOf, objectWith, oneOf, orNull, shown, type Check } from './shapeCheck.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.journal');

const OPERATIONS: readonly JournalOperation[] = ['insert', 'upsert', 'update', 'deferred', 'deleteMatch', 'delete', 'restore', 'undelete', 'reinsert'];

const operation = oneOf(OPERATIONS);
const recordError = objectWith({ statusCode: aString, message: aString, fields: listOf(aString) }, {}, 'an object with statusCode, message and fields');
const values = anObject;

/**
 * The fields each type of event must have, with their types (see events.ts). Only what readers rely on is
 * required; optional fields are checked when present, since readers use them when they are there. Fields
 * not listed are allowed: newer versions add optional ones (e.g. a batch's previous values).
 */
const EVENT_SHAPES = new Map<JournalEvent['type'], Check>([
  ['batchStart', objectWith({ at: aString, batch: aString, object: aString, operation, sourceIds: listOf(aString) }, { before: values })],
  [
    'record',
    objectWith(
      { batch: aString, object: aString, operation, sourceId: aString, targetId: orNull(aString), ok: aBoolean },
      { created: aBoolean, error: recordError, values, before: values }
    ),
  ],
  ['batchEnd', objectWith({ at: aString, batch: aString })],
  [
    'outcome',
    objectWith(
      { object: aString, sourceId: aString, targetId: orNull(aString), kind: oneOf(['unchanged', 'skipped', 'failed']) },
      { reason: aString, error: recordError, values }
    ),
  ],
  [
    'deferred',
    objectWith(
      { object: aString, sourceId: aString, targetId: aString, lookups: listOf(objectWith({ field: aString, sourceParentId: aString }), 'a list of {field, sourceParentId}') },
      { current: values }
    ),
  ],
  ['state', objectWith({ at: aString, state: oneOf(RUN_STATES) }, { reason: aString })],
  ['note', objectWith({ object: aString, sourceId: aString, note: aString })],
  [
    'undoOutcome',
    objectWith({
      at: aString,
      object: aString,
      sourceId: aString,
      targetId: aString,
      operation: oneOf(['delete', 'restore', 'undelete', 'reinsert']),
      kind: oneOf(['alreadyUndone', 'changed', 'notRestorable']),
      reason: aString,
    }),
  ],
]);

const TYPES = [...EVENT_SHAPES.keys()].join(', ');

/**
 * What is wrong with one parsed journal line as an event, in words (`a "record" event needs "sourceId" (a
 * string)`), or undefined for a good event. Cheap: a few typeof checks per field, no allocation for a good one.
 */
export function eventProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return messages.getMessage('problem.notAnEvent', [shown(value)]);
  const type = value.type;
  const shape = typeof type === 'string' ? EVENT_SHAPES.get(type as JournalEvent['type']) : undefined;
  if (!shape || typeof type !== 'string') {
    return type === undefined ? messages.getMessage('problem.eventWithoutType', [TYPES]) : messages.getMessage('problem.unknownEventType', [shown(type), TYPES]);
  }
  const problem = shape.problem(value);
  if (!problem) return undefined;
  return problem.missing
    ? messages.getMessage('problem.eventFieldMissing', [type, problem.path, problem.expected])
    : messages.getMessage('problem.eventFieldWrong', [type, problem.path, problem.expected, shown(problem.actual)]);
}

