import { Messages } from '@salesforce/core';
import { RUN_STATES } from './runState.js';
import type { ObjectSummary } from './runMeta.js';
import { AUTOMATION_KINDS } from '../automation/automationTypes.js';
import { aBoolean, aDate, aNumber, anObject, aString, isPlainObject, listOf, objectWith, oneOf, orNull, shown, type ShapeProblem } from './shapeCheck.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.journal');

const OBJECT_STATUSES: ReadonlyArray<ObjectSummary['status']> = ['pending', 'scanning', 'syncing', 'done', 'failed', 'skipped'];

const orgRef = objectWith({ orgId: aString, username: aString, instanceUrl: aString }, {}, 'an object with orgId, username and instanceUrl');

const objectSummary = objectWith(
  {
    object: aString,
    status: oneOf(OBJECT_STATUSES),
    elapsedMs: aNumber,
    inserted: aNumber,
    updated: aNumber,
    unchanged: aNumber,
    skipped: aNumber,
    failed: aNumber,
  },
  {
    match: aString,
    matched: objectWith({ history: aNumber, key: aNumber }, {}, 'an object with history and key counts'),
    deleted: aNumber,
    delta: objectWith(
      { since: orNull(aDate), definition: aString },
      { lastSyncAt: aDate, lastRunId: aString, syncedAsOf: aDate },
      'an object with since and definition'
    ),
  },
  'an object with object, status, elapsedMs and the counts'
);

const listOfStrings = listOf(aString);

/**
 * The recorded template (SyncTemplate), as far as `retry` and `execute --resume` read it back: the objects
 * with their keys and toggles (rewritten as a template file, checked again against the orgs) and the options.
 */
const template = objectWith(
  {
    objects: listOf(
      objectWith(
        {
          name: aString,
          excludeFields: listOfStrings,
          matchBy: orNull(objectWith({ source: listOfStrings, target: listOfStrings }, {}, 'an object with source and target lists')),
          insert: aBoolean,
          update: aBoolean,
        },
        { history: aBoolean, where: aString, orderBy: aString, limit: aNumber, fields: listOfStrings, requestedFields: orNull(listOfStrings) }
      ),
      'a list of template objects'
    ),
    options: anObject,
  },
  { order: orNull(listOfStrings) },
  'an object with "objects" and "options"'
);

/** The recorded migration plan: a retry follows its steps' order. */
const plan = objectWith({ steps: listOf(objectWith({ object: aString }), 'a list of steps') }, {}, 'an object with "steps"');

/** Every field of RunMeta (runMeta.ts) but the template and the plan, which depend on the command. */
const header = objectWith(
  {
    runId: aString,
    command: oneOf(['execute', 'scan']),
    state: oneOf(RUN_STATES),
    startedAt: aDate,
    updatedAt: aDate,
    source: orgRef,
    target: orgRef,
    objects: listOf(objectSummary, 'a list of object summaries'),
    attempts: aNumber,
  },
  // dryRun is optional: execute without --dry-run has written none (the flag was undefined), readMeta reads false.
  {
    dryRun: aBoolean,
    stateReason: aString,
    finishedAt: aDate,
    templatePath: aString,
    pid: aNumber,
    host: aString,
    sync: objectWith(
      { type: oneOf(['full', 'delta']), includeDeleted: aBoolean, templateKey: aString, readStartedAt: aDate },
      {},
      'an object with type, includeDeleted, templateKey and readStartedAt'
    ),
    automation: objectWith(
      {
        requested: listOfStrings,
        items: listOf(
          objectWith(
            { kind: oneOf(AUTOMATION_KINDS), object: aString, name: aString, id: aString, state: oneOf(['switching-off', 'off', 'restored']) },
            { activeVersion: aNumber, deployId: aString, deployRequestedAt: aString, restoreError: aString },
            'an object with kind, object, name, id and state'
          ),
          'a list of switched items'
        ),
      },
      {},
      'an object with requested and items'
    ),
  }
);

/**
 * An execute run must have its template and plan: `retry` and `execute --resume` run them again. A scan run's
 * are checked only when present (nothing reads them back: a scan cannot be retried or rolled back).
 */
const executeRun = objectWith({ template, plan });
const scanRun = objectWith({}, { template, plan });

function metaProblem(value: unknown): ShapeProblem | undefined {
  const problem = header.problem(value);
  if (problem || !isPlainObject(value)) return problem;
  return (value.command === 'execute' ? executeRun : scanRun).problem(value);
}

/** What is wrong with a parsed `run.json`, in words (`state: "bogus" is not one of planning, ...`), or undefined. */
export function runMetaProblem(value: unknown): string | undefined {
  const problem = metaProblem(value);
  if (!problem) return undefined;
  if (problem.path === '') return messages.getMessage('problem.metaNotObject', [shown(problem.actual)]);
  return problem.missing
    ? messages.getMessage('problem.metaFieldMissing', [problem.path, problem.expected])
    : messages.getMessage('problem.metaFieldWrong', [problem.path, shown(problem.actual), problem.expected]);
}
