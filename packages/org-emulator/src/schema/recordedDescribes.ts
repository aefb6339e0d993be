/**
 * Standard objects taken from real describes. `recorded/<Object>.json` are trimmed copies of the fixtures in
 * /work/shared/salesforce-fixtures/describe (header keys, every field untouched, the child relationships
 * whose child the emulator has; each file's `_source` names the origin). Copies, so the emulator does not
 * depend on a folder outside the repository; recordedDescribes.test.ts checks them against the fixtures.
 *
 * Loading keeps the recorded fields as they are, except:
 * - custom fields are dropped: they are the recording org's own customisations (`Primary_Contact__c`,
 *   `ns__LinkedAccount__c`...), not part of a standard object. They are recognised by the `__c` suffix,
 *   because CumulusCI's hand-edited Account cassette marks them `custom: false`;
 * - keys that older API versions did not return yet (Task is a v37 describe) are added with the value
 *   Salesforce gives them today, so every field has every key of the model.
 * References to objects the emulator does not have are pruned later, by `pruneDanglingReferences`.
 */
import { readFileSync } from 'node:fs';
import { isCustomName } from './fieldBuilders.js';
import type { ChildRelationship, FieldDescribe, ObjectDef, ObjectDescribeHeader, ParentRelationshipDef } from './model.js';

export const RECORDED_OBJECTS = ['Account', 'Contact', 'Case', 'Lead', 'Opportunity', 'Task'] as const;
export type RecordedObjectName = (typeof RECORDED_OBJECTS)[number];

type RecordedFile = {
  _source: Record<string, string>;
  header: Partial<ObjectDescribeHeader>;
  fields: Array<Partial<FieldDescribe> & { name: string; referenceTo: string[]; custom: boolean }>;
  childRelationships: ChildRelationship[];
};

/** Header keys added after API v37, with the value every non-interface object has. */
const HEADER_KEYS_ADDED_LATER: Partial<ObjectDescribeHeader> = {
  deepCloneable: false,
  defaultImplementation: null,
  extendedBy: null,
  extendsInterfaces: null,
  hasSubtypes: false,
  implementedBy: null,
  implementsInterfaces: null,
  isInterface: false,
  isSubtype: false,
};

export function readRecordedFile(objectName: RecordedObjectName): RecordedFile {
  const url = new URL(`./recorded/${objectName}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as RecordedFile;
}

/** Keys a field describe gained after API v37, valued as Salesforce derives them now. */
function withKeysAddedLater(field: RecordedFile['fields'][number]): FieldDescribe {
  return {
    aiPredictionField: false,
    compoundFieldName: null,
    formulaTreatNullNumberAsZero: false,
    polymorphicForeignKey: field.referenceTo.length > 1,
    searchPrefilterable: false,
    ...field,
  } as FieldDescribe;
}

/** The recorded standard object as an `ObjectDef`, without record types (the schema adds its own). */
export function loadRecordedObject(objectName: RecordedObjectName): ObjectDef {
  const file = readRecordedFile(objectName);
  return {
    header: { ...HEADER_KEYS_ADDED_LATER, ...file.header } as ObjectDescribeHeader,
    fields: file.fields.filter((field) => !field.custom && !isCustomName(field.name)).map(withKeysAddedLater),
    recordTypes: [],
    validationRules: [],
  };
}

/** Children of recorded objects whose parent is built, not recorded (Pricebook2 has no recorded describe). */
const BUILT_PARENT_RELATIONSHIPS: Record<string, ParentRelationshipDef> = {
  'Opportunity.Pricebook2Id': { relationshipName: 'Opportunities', cascadeDelete: false, restrictedDelete: false },
};

/**
 * How the recorded parents list their children, keyed `Child.Field` (e.g. `Contact.AccountId` -> Contacts,
 * cascade delete; `Case.AccountId` -> Cases, restricted delete).
 */
export function recordedParentRelationships(): Map<string, ParentRelationshipDef> {
  const result = new Map<string, ParentRelationshipDef>();
  for (const objectName of RECORDED_OBJECTS) {
    for (const child of readRecordedFile(objectName).childRelationships) {
      result.set(`${child.childSObject}.${child.field}`, {
        relationshipName: child.relationshipName,
        cascadeDelete: child.cascadeDelete,
        restrictedDelete: child.restrictedDelete,
      });
    }
  }
  for (const [key, relationship] of Object.entries(BUILT_PARENT_RELATIONSHIPS)) result.set(key, relationship);
  return result;
}
