/**
 * The `--schema FILE` format (README.md, "Schema files"): a JSON object of changes applied to the default
 * schema, so that two emulated orgs can differ the way a sandbox differs from production. This module
 * checks the file's structure; applySchemaFile.ts checks it against the schema and applies it.
 */
import type { FieldSpec } from './fieldSpec.js';
import { validateFieldSpec } from './fieldSpecValidation.js';
import {
  describeValue,
  expectBoolean,
  expectKnownKeys,
  expectObject,
  expectRequiredKeys,
  expectString,
  expectStringArray,
  type JsonObject,
  type Problems,
} from './jsonChecks.js';
import type { RecordTypeDef, ValidationRuleDef } from './model.js';
import type { CustomObjectSpec } from './objectBuilder.js';

export type FieldChange = {
  /** Make the field required (non-nillable) or optional. */
  required?: boolean;
  /** Redefine the field with another spec (another type, length, values...); its name stays. */
  spec?: FieldSpec;
};

export type SchemaFile = {
  removeObjects?: string[];
  /** Object name -> field names. */
  removeFields?: Record<string, string[]>;
  /** `Object.Field` -> values. */
  removePicklistValues?: Record<string, string[]>;
  /** Object name -> record type developer names. */
  removeRecordTypes?: Record<string, string[]>;
  /** `Object.Field` -> change. */
  changeFields?: Record<string, FieldChange>;
  addObjects?: CustomObjectSpec[];
  /** Object name -> custom field specs. */
  addFields?: Record<string, FieldSpec[]>;
  addRecordTypes?: Record<string, RecordTypeDef[]>;
  addValidationRules?: Record<string, ValidationRuleDef[]>;
};

const TOP_LEVEL_KEYS = [
  'removeObjects',
  'removeFields',
  'removePicklistValues',
  'removeRecordTypes',
  'changeFields',
  'addObjects',
  'addFields',
  'addRecordTypes',
  'addValidationRules',
] as const;

/** A map whose keys must be `Object.Field`. */
function checkFieldPathKeys(map: JsonObject, path: string, problems: Problems): void {
  for (const key of Object.keys(map)) {
    if (!/^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$/.test(key)) {
      problems.push(`${path}["${key}"]: key must be "Object.Field"`);
    }
  }
}

/** Each value of a map, checked by `checkItem` and collected (as a list) when valid. */
function mapOfLists<T>(
  value: unknown,
  path: string,
  problems: Problems,
  checkItem: (item: unknown, itemPath: string) => T | undefined
): Record<string, T[]> | undefined {
  const map = expectObject(value, path, problems);
  if (!map) return undefined;
  const result: Record<string, T[]> = {};
  for (const [key, list] of Object.entries(map)) {
    const listPath = `${path}["${key}"]`;
    if (!Array.isArray(list)) {
      problems.push(`${listPath}: must be an array, got ${describeValue(list)}`);
      continue;
    }
    result[key] = list.map((item, index) => checkItem(item, `${listPath}[${index}]`)).filter((item): item is T => item !== undefined);
  }
  return result;
}

function checkString(problems: Problems) {
  return (item: unknown, itemPath: string): string | undefined => (expectString(item, itemPath, problems) ? item : undefined);
}

export function validateRecordType(value: unknown, path: string, problems: Problems): RecordTypeDef | undefined {
  const object = expectObject(value, path, problems);
  if (!object) return undefined;
  const before = problems.length;
  expectKnownKeys(object, ['developerName', 'name', 'active', 'defaultRecordTypeMapping', 'picklistValues'], path, problems);
  expectRequiredKeys(object, ['developerName', 'name'], path, problems);
  if ('developerName' in object && expectString(object.developerName, `${path}.developerName`, problems)) {
    if (!/^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/.test(object.developerName) || object.developerName.endsWith('_')) {
      problems.push(`${path}.developerName: "${object.developerName}" must be letters, digits and single underscores`);
    }
  }
  if ('name' in object) expectString(object.name, `${path}.name`, problems);
  if ('active' in object) expectBoolean(object.active, `${path}.active`, problems);
  if ('defaultRecordTypeMapping' in object) expectBoolean(object.defaultRecordTypeMapping, `${path}.defaultRecordTypeMapping`, problems);
  if ('picklistValues' in object) {
    const values = expectObject(object.picklistValues, `${path}.picklistValues`, problems);
    for (const [field, list] of Object.entries(values ?? {})) expectStringArray(list, `${path}.picklistValues.${field}`, problems);
  }
  if (problems.length > before) return undefined;
  return { active: true, defaultRecordTypeMapping: false, ...object } as RecordTypeDef;
}

export function validateValidationRule(value: unknown, path: string, problems: Problems): ValidationRuleDef | undefined {
  const object = expectObject(value, path, problems);
  if (!object) return undefined;
  const before = problems.length;
  expectKnownKeys(object, ['name', 'errorCondition', 'errorMessage', 'errorDisplayField', 'on'], path, problems);
  expectRequiredKeys(object, ['name', 'errorCondition', 'errorMessage'], path, problems);
  for (const key of ['name', 'errorCondition', 'errorMessage', 'errorDisplayField']) {
    if (key in object) expectString(object[key], `${path}.${key}`, problems);
  }
  if ('on' in object && !['insert', 'update', 'both'].includes(object.on as string)) {
    problems.push(`${path}.on: must be "insert", "update" or "both", got ${describeValue(object.on)}`);
  }
  return problems.length > before ? undefined : (object as ValidationRuleDef);
}

function validateNameField(value: unknown, path: string, problems: Problems): void {
  const object = expectObject(value, path, problems);
  if (!object) return;
  expectKnownKeys(object, ['kind', 'label', 'displayFormat'], path, problems);
  if (object.kind === 'text') {
    if ('displayFormat' in object) problems.push(`${path}.displayFormat: only for "kind": "autoNumber"`);
  } else if (object.kind === 'autoNumber') {
    if (typeof object.displayFormat !== 'string' || !/\{0+\}/.test(object.displayFormat)) {
      problems.push(`${path}.displayFormat: must contain a counter such as {0000}, got ${describeValue(object.displayFormat)}`);
    }
  } else {
    problems.push(`${path}.kind: must be "text" or "autoNumber", got ${describeValue(object.kind)}`);
  }
  if ('label' in object) expectString(object.label, `${path}.label`, problems);
}

function validateObjectSpec(value: unknown, path: string, problems: Problems): CustomObjectSpec | undefined {
  const object = expectObject(value, path, problems);
  if (!object) return undefined;
  const before = problems.length;
  const keys = ['name', 'keyPrefix', 'label', 'labelPlural', 'nameField', 'fields', 'recordTypes', 'validationRules', 'enableActivities'];
  expectKnownKeys(object, keys, path, problems);
  expectRequiredKeys(object, ['name', 'keyPrefix', 'fields'], path, problems);
  if ('name' in object && expectString(object.name, `${path}.name`, problems)) {
    if (!/^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*__c$/.test(object.name)) {
      problems.push(`${path}.name: "${object.name}" is not a custom object API name (ending in __c)`);
    }
  }
  if ('keyPrefix' in object && expectString(object.keyPrefix, `${path}.keyPrefix`, problems)) {
    if (!/^[a-zA-Z0-9]{3}$/.test(object.keyPrefix)) problems.push(`${path}.keyPrefix: must be 3 letters or digits, got "${object.keyPrefix}"`);
  }
  for (const key of ['label', 'labelPlural']) if (key in object) expectString(object[key], `${path}.${key}`, problems);
  if ('enableActivities' in object) expectBoolean(object.enableActivities, `${path}.enableActivities`, problems);
  if ('nameField' in object) validateNameField(object.nameField, `${path}.nameField`, problems);
  const lists: Array<[string, (item: unknown, itemPath: string) => unknown]> = [
    ['fields', (item, itemPath) => validateFieldSpec(item, itemPath, problems)],
    ['recordTypes', (item, itemPath) => validateRecordType(item, itemPath, problems)],
    ['validationRules', (item, itemPath) => validateValidationRule(item, itemPath, problems)],
  ];
  for (const [key, check] of lists) {
    if (!(key in object)) continue;
    if (!Array.isArray(object[key])) problems.push(`${path}.${key}: must be an array, got ${describeValue(object[key])}`);
    else (object[key] as unknown[]).forEach((item, index) => check(item, `${path}.${key}[${index}]`));
  }
  // Record types take their defaults as addRecordTypes' do (active), and, as Salesforce always has a default
  // record type while any remains, the first active one is the default unless one is named.
  if (Array.isArray(object.recordTypes) && problems.length === before) {
    const recordTypes = object.recordTypes.map((item, index) => validateRecordType(item, `${path}.recordTypes[${index}]`, []) as RecordTypeDef);
    const fallback = recordTypes.find((recordType) => recordType.active) ?? recordTypes[0];
    if (fallback && !recordTypes.some((recordType) => recordType.defaultRecordTypeMapping)) fallback.defaultRecordTypeMapping = true;
    object.recordTypes = recordTypes;
  }
  return problems.length > before ? undefined : (object as CustomObjectSpec);
}

function validateFieldChange(value: unknown, path: string, fieldName: string, problems: Problems): FieldChange | undefined {
  const object = expectObject(value, path, problems);
  if (!object) return undefined;
  const before = problems.length;
  expectKnownKeys(object, ['required', 'spec'], path, problems);
  if (!('required' in object) && !('spec' in object)) problems.push(`${path}: give "required" and/or "spec"`);
  if ('required' in object) expectBoolean(object.required, `${path}.required`, problems);
  const spec = 'spec' in object ? validateFieldSpec(object.spec, `${path}.spec`, problems, fieldName) : undefined;
  if (problems.length > before) return undefined;
  return { ...(typeof object.required === 'boolean' ? { required: object.required } : {}), ...(spec ? { spec } : {}) };
}

/** Checks a parsed schema file; every structural problem is listed in `problems` (empty = valid). */
export function validateSchemaFile(value: unknown, problems: Problems): SchemaFile {
  const root = expectObject(value, '$', problems);
  if (!root) return {};
  expectKnownKeys(root, TOP_LEVEL_KEYS, '$', problems);
  const file: SchemaFile = {};
  if ('removeObjects' in root && expectStringArray(root.removeObjects, '$.removeObjects', problems)) {
    file.removeObjects = root.removeObjects;
  }
  if ('removeFields' in root) file.removeFields = mapOfLists(root.removeFields, '$.removeFields', problems, checkString(problems));
  if ('removePicklistValues' in root) {
    file.removePicklistValues = mapOfLists(root.removePicklistValues, '$.removePicklistValues', problems, checkString(problems));
    if (file.removePicklistValues) checkFieldPathKeys(file.removePicklistValues, '$.removePicklistValues', problems);
  }
  if ('removeRecordTypes' in root) {
    file.removeRecordTypes = mapOfLists(root.removeRecordTypes, '$.removeRecordTypes', problems, checkString(problems));
  }
  if ('changeFields' in root) {
    const map = expectObject(root.changeFields, '$.changeFields', problems);
    if (map) {
      checkFieldPathKeys(map, '$.changeFields', problems);
      file.changeFields = {};
      for (const [key, change] of Object.entries(map)) {
        const checked = validateFieldChange(change, `$.changeFields["${key}"]`, key.split('.')[1] ?? key, problems);
        if (checked) file.changeFields[key] = checked;
      }
    }
  }
  if ('addObjects' in root) {
    const list = Array.isArray(root.addObjects) ? root.addObjects : undefined;
    if (!list) problems.push(`$.addObjects: must be an array, got ${describeValue(root.addObjects)}`);
    file.addObjects = (list ?? [])
      .map((item, index) => validateObjectSpec(item, `$.addObjects[${index}]`, problems))
      .filter((item): item is CustomObjectSpec => item !== undefined);
  }
  if ('addFields' in root) {
    file.addFields = mapOfLists(root.addFields, '$.addFields', problems, (item, itemPath) => validateFieldSpec(item, itemPath, problems));
  }
  if ('addRecordTypes' in root) {
    file.addRecordTypes = mapOfLists(root.addRecordTypes, '$.addRecordTypes', problems, (item, itemPath) => validateRecordType(item, itemPath, problems));
  }
  if ('addValidationRules' in root) {
    file.addValidationRules = mapOfLists(root.addValidationRules, '$.addValidationRules', problems, (item, itemPath) =>
      validateValidationRule(item, itemPath, problems)
    );
  }
  return file;
}
