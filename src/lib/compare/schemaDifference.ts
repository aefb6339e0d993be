/**
 * A difference between the source's and the target's schema, as it matters for a sync. One shape for the
 * pre-flight that every scan and execute runs and for `sf isync compare`, which reports the same differences
 * over more of the schema.
 */

/**
 * - `blocking`: the sync cannot run (or every write of the object would fail) until it is fixed.
 * - `dataLoss`: the sync runs, but some values or records do not arrive as they are in the source.
 * - `info`: worth knowing; nothing is lost.
 */
export type Severity = 'blocking' | 'dataLoss' | 'info';

export const SEVERITIES: readonly Severity[] = ['blocking', 'dataLoss', 'info'];

export type DifferenceKind =
  | 'objectMissing'
  | 'fieldMissing'
  | 'fieldNotWritable'
  | 'typeMismatch'
  | 'lengthShorter'
  | 'picklistValuesMissing'
  | 'referenceMismatch'
  | 'requiredInTarget'
  | 'recordTypeMissing'
  | 'permission'
  | 'validationRule';

/**
 * What `sf isync compare --fix` deploys to close a difference: a custom field created as the source has it,
 * values added to a custom picklist field, a record type created.
 */
export type SchemaFix =
  | { type: 'CustomField'; object: string; targetObject: string; field: string }
  | { type: 'PicklistValues'; object: string; targetObject: string; field: string; values: string[] }
  | { type: 'RecordType'; object: string; targetObject: string; developerName: string; label: string };

export type SchemaDifference = {
  object: string;
  field?: string;
  kind: DifferenceKind;
  severity: Severity;
  /** What differs, and what it means for a sync. */
  what: string;
  /** What the user can do about it. */
  fix: string;
  /** Present when `compare --fix` can deploy the fix. */
  autoFix?: SchemaFix;
};

export function isBlocking(difference: Pick<SchemaDifference, 'severity'>): boolean {
  return difference.severity === 'blocking';
}

/** The severities at or above a threshold: `--severity dataLoss` shows blocking and data-loss differences. */
export function atLeast(severity: Severity): ReadonlySet<Severity> {
  return new Set(SEVERITIES.slice(0, SEVERITIES.indexOf(severity) + 1));
}
