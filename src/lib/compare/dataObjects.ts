import type { DescribeGlobalSObject } from '../schema/describeTypes.js';
import { objectSkipReason } from '../template/generate/skippedObjects.js';
import { BUILT_IN_REFERENCE_KEYS } from '../transform/referenceKeys.js';

const RESOLVED_BY_KEY: ReadonlySet<string> = new Set(Object.keys(BUILT_IN_REFERENCE_KEYS).map((name) => name.toLowerCase()));

/**
 * Whether an object holds record data a sync would copy: the objects `template generate` would add (see
 * skippedObjects.ts: queryable, createable, neither written by the org itself nor setup, nor found in the
 * target by a built-in key such as users and record types).
 */
export function isDataObject(sobject: DescribeGlobalSObject): boolean {
  return objectSkipReason(sobject, RESOLVED_BY_KEY) === undefined;
}
