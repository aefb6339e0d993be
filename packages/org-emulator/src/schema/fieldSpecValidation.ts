/**
 * Checks a field spec written in a schema file: known kind, the keys that kind accepts, value types and
 * the limits Setup enforces (text up to 255 characters, precision up to 18...).
 */
import { FIELD_KINDS, type FieldKind, type FieldSpec } from './fieldSpec.js';
import {
  describeValue,
  expectBoolean,
  expectInteger,
  expectKnownKeys,
  expectObject,
  expectRequiredKeys,
  expectString,
  expectStringArray,
  type Problems,
} from './jsonChecks.js';

type KeyCheck = (value: unknown, path: string, problems: Problems) => void;

const bool: KeyCheck = (value, path, problems) => void expectBoolean(value, path, problems);
const text: KeyCheck = (value, path, problems) => void expectString(value, path, problems);
const stringList: KeyCheck = (value, path, problems) => {
  if (!expectStringArray(value, path, problems)) return;
  if (value.length === 0) problems.push(`${path}: must list at least one value`);
  const duplicates = value.filter((item, index) => value.indexOf(item) !== index);
  if (duplicates.length > 0) problems.push(`${path}: duplicate value ${describeValue(duplicates[0])}`);
};
const integer =
  (min: number, max: number): KeyCheck =>
  (value, path, problems) =>
    void expectInteger(value, path, problems, min, max);
const oneOrMoreObjects: KeyCheck = (value, path, problems) => {
  if (typeof value === 'string') return void expectString(value, path, problems);
  stringList(value, path, problems);
};
const relationshipOrder: KeyCheck = (value, path, problems) => {
  if (value !== 0 && value !== 1) problems.push(`${path}: must be 0 or 1, got ${describeValue(value)}`);
};

const COMMON: Record<string, KeyCheck> = { name: text, label: text, required: bool, inlineHelpText: text };
const NUMBER_KEYS: Record<string, KeyCheck> = { precision: integer(1, 18), scale: integer(0, 17), externalId: bool, unique: bool };
const RELATIONSHIP_KEYS: Record<string, KeyCheck> = { referenceTo: oneOrMoreObjects, relationshipName: text, childRelationshipName: text };

/** Per kind: the keys it accepts (with their checks) and those it requires besides `kind` and `name`. */
const KIND_RULES: Record<FieldKind, { keys: Record<string, KeyCheck>; required: string[] }> = {
  text: {
    keys: { ...COMMON, length: integer(1, 255), unique: bool, caseSensitive: bool, externalId: bool, defaultValueFormula: text },
    required: [],
  },
  externalId: { keys: { ...COMMON, length: integer(1, 255), unique: bool, caseSensitive: bool }, required: [] },
  textarea: { keys: { ...COMMON, length: integer(1, 131_072), rich: bool }, required: [] },
  email: { keys: COMMON, required: [] },
  phone: { keys: COMMON, required: [] },
  url: { keys: COMMON, required: [] },
  boolean: { keys: { name: text, label: text, inlineHelpText: text, defaultValue: bool }, required: [] },
  int: { keys: { ...COMMON, digits: integer(1, 18) }, required: [] },
  double: { keys: { ...COMMON, ...NUMBER_KEYS }, required: [] },
  currency: { keys: { ...COMMON, ...NUMBER_KEYS }, required: [] },
  percent: { keys: { ...COMMON, ...NUMBER_KEYS }, required: [] },
  date: { keys: COMMON, required: [] },
  datetime: { keys: COMMON, required: [] },
  picklist: { keys: { ...COMMON, values: stringList, restricted: bool, defaultValue: text }, required: ['values'] },
  multipicklist: {
    keys: { ...COMMON, values: stringList, restricted: bool, visibleLines: integer(3, 10) },
    required: ['values'],
  },
  lookup: { keys: { ...COMMON, ...RELATIONSHIP_KEYS }, required: ['referenceTo', 'relationshipName'] },
  masterDetail: {
    keys: {
      name: text,
      label: text,
      inlineHelpText: text,
      ...RELATIONSHIP_KEYS,
      referenceTo: text,
      relationshipOrder,
      reparentable: bool,
      writeRequiresMasterRead: bool,
    },
    required: ['referenceTo', 'relationshipName'],
  },
};

/** Custom field API names: a letter, then letters, digits and single underscores, then `__c`. */
const CUSTOM_FIELD_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*__c$/;
const CUSTOM_RELATIONSHIP_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*__r$/;

function checkConsistency(spec: Record<string, unknown>, path: string, problems: Problems): void {
  if (typeof spec.name === 'string' && !CUSTOM_FIELD_NAME.test(spec.name)) {
    problems.push(`${path}.name: "${spec.name}" is not a custom field API name (letters, digits, single underscores, ending in __c)`);
  }
  if (typeof spec.relationshipName === 'string' && !CUSTOM_RELATIONSHIP_NAME.test(spec.relationshipName)) {
    problems.push(`${path}.relationshipName: "${spec.relationshipName}" must end in __r like every custom relationship`);
  }
  if (typeof spec.precision === 'number' && typeof spec.scale === 'number' && spec.scale > spec.precision) {
    problems.push(`${path}.scale: ${spec.scale} is larger than precision ${spec.precision}`);
  }
  if (spec.kind === 'picklist' && typeof spec.defaultValue === 'string' && Array.isArray(spec.values)) {
    if (!spec.values.includes(spec.defaultValue)) {
      problems.push(`${path}.defaultValue: "${spec.defaultValue}" is not one of the values`);
    }
  }
  if (spec.caseSensitive === true && spec.unique !== true) {
    problems.push(`${path}.caseSensitive: only applies to unique fields (set "unique": true)`);
  }
}

/**
 * A field spec, or `undefined` with the problems recorded. `name` is taken from `nameOverride` when the
 * spec redefines an existing field (schema files' `changeFields`), else required in the spec.
 */
export function validateFieldSpec(value: unknown, path: string, problems: Problems, nameOverride?: string): FieldSpec | undefined {
  const object = expectObject(value, path, problems);
  if (!object) return undefined;
  const before = problems.length;
  if (!FIELD_KINDS.includes(object.kind as FieldKind)) {
    problems.push(`${path}.kind: must be one of ${FIELD_KINDS.join(', ')}, got ${describeValue(object.kind)}`);
    return undefined;
  }
  const rules = KIND_RULES[object.kind as FieldKind];
  const spec = nameOverride === undefined ? object : { ...object, name: nameOverride };
  if (nameOverride !== undefined && 'name' in object) problems.push(`${path}.name: the field's name comes from the key`);
  expectKnownKeys(spec, ['kind', ...Object.keys(rules.keys)], path, problems);
  expectRequiredKeys(spec, ['name', ...rules.required], path, problems);
  for (const [key, check] of Object.entries(rules.keys)) {
    if (key in spec) check(spec[key], `${path}.${key}`, problems);
  }
  if (nameOverride === undefined) checkConsistency(spec, path, problems);
  return problems.length === before ? (spec as FieldSpec) : undefined;
}
