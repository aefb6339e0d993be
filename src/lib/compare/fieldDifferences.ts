import type { DescribeField } from '../schema/describeTypes.js';
import { translate } from '../transform/rowTransform.js';
import type { ValueTranslation } from '../template/transformRules.js';
import { picklistParts } from '../template/transformChecks.js';
import type { SchemaDifference } from './schemaDifference.js';

/** Describe types whose values can be written into each other without loss of meaning. */
const TYPE_FAMILIES: Record<string, string> = {
  string: 'text',
  textarea: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  picklist: 'text',
  combobox: 'text',
  multipicklist: 'text',
  encryptedstring: 'text',
  int: 'number',
  long: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
  boolean: 'boolean',
  reference: 'reference',
  id: 'reference',
  base64: 'base64',
};

/** The object names of both describes, for lookups: `object` as the template names it, `targetObject` as the target does. */
export type FieldPair = { object: string; targetObject: string; source: DescribeField; target: DescribeField; valueMap?: ValueTranslation };

export function isCustomField(name: string): boolean {
  return name.endsWith('__c');
}

/**
 * How one source field written into one target field differs: types that do not convert, text that may not
 * fit, lookups to other objects, picklist values the target lacks.
 */
export function fieldDifferences(pair: FieldPair): SchemaDifference[] {
  const { object, source, target } = pair;
  // A field mapped onto another (`fieldMap`) is named by both.
  const field = source.name === target.name ? source.name : `${source.name} (written to ${target.name})`;
  const sourceFamily = TYPE_FAMILIES[source.type] ?? source.type;
  const targetFamily = TYPE_FAMILIES[target.type] ?? target.type;
  if (sourceFamily !== targetFamily && !(sourceFamily === 'date' && targetFamily === 'datetime')) {
    return [
      {
        object,
        field,
        kind: 'typeMismatch',
        severity: 'blocking',
        what: `${object}.${field} is ${source.type} in the source and ${target.type} in the target.`,
        fix: `Align the field types, or add "${source.name}" to "excludeFields" of ${object}.`,
      },
    ];
  }
  return [...lengthDifference(pair, field, sourceFamily), ...referenceDifference(pair, field), ...picklistDifference(pair, field)];
}

function lengthDifference({ object, source, target }: FieldPair, field: string, family: string): SchemaDifference[] {
  if (family !== 'text' || !(source.length > target.length && target.length > 0)) return [];
  return [
    {
      object,
      field,
      kind: 'lengthShorter',
      severity: 'dataLoss',
      what: `${object}.${field} holds up to ${source.length} characters in the source but ${target.length} in the target; longer values fail with STRING_TOO_LONG.`,
      fix: `Lengthen the field in the target, or shorten those values in the source.`,
    },
  ];
}

/** A lookup whose target points elsewhere: its parents cannot be found in the target's object. */
function referenceDifference({ object, source, target }: FieldPair, field: string): SchemaDifference[] {
  if (source.type !== 'reference' || target.type !== 'reference') return [];
  const targets = new Set(target.referenceTo.map((name) => name.toLowerCase()));
  const missing = source.referenceTo.filter((name) => !targets.has(name.toLowerCase()));
  if (missing.length === 0) return [];
  const all = missing.length === source.referenceTo.length;
  return [
    {
      object,
      field,
      kind: 'referenceMismatch',
      severity: all ? 'blocking' : 'dataLoss',
      what:
        `${object}.${field} points to ${source.referenceTo.join(', ')} in the source but to ${target.referenceTo.join(', ') || 'nothing'} in the target; ` +
        `lookups to ${missing.join(', ')} cannot be set.`,
      fix: `Point the target's field to ${missing.join(', ')}, or add "${source.name}" to "excludeFields" of ${object}.`,
    },
  ];
}

function picklistDifference(pair: FieldPair, field: string): SchemaDifference[] {
  const { object, targetObject, source, target, valueMap } = pair;
  if (target.type !== 'picklist' && target.type !== 'multipicklist') return [];
  const known = new Set(target.picklistValues.filter((value) => value.active).map((value) => value.value));
  // The values the target receives: after the template's `valueMap`.
  const written = source.picklistValues.filter((value) => value.active).map((value) => (valueMap ? translate(valueMap, target, value.value) : value.value));
  const missing = [...new Set(written.flatMap((value) => (typeof value === 'string' ? picklistParts(target, value) : [])))].filter((value) => !known.has(value));
  if (missing.length === 0) return [];
  const values = missing.map((value) => `"${value}"`).join(', ');
  const restricted = target.restrictedPicklist === true;
  const autoFix = isCustomField(target.name) ? { autoFix: { type: 'PicklistValues' as const, object, targetObject, field: target.name, values: missing } } : {};
  return [
    {
      object,
      field,
      kind: 'picklistValuesMissing',
      severity: restricted ? 'dataLoss' : 'info',
      what: restricted
        ? `${object}.${field} is a restricted picklist in the target without the value(s) ${values}; records that use them fail.`
        : `${object}.${field} lacks the value(s) ${values} in the target; they are written, but not offered in the target's picklist.`,
      fix: `Add the values to the target's picklist${valueMap ? '' : ', or map them with "valueMap"'}.`,
      ...autoFix,
    },
  ];
}
