/**
 * Makes a set of objects consistent the way Salesforce keeps an org's schema consistent. Runs after the
 * default schema is assembled and again after a schema file's changes, so that removing or adding objects
 * never leaves a reference to nothing:
 * - reference fields lose targets the org does not have; a field left with none is removed (Opportunity's
 *   CampaignId, Lead's IndividualId...);
 * - RecordTypeId exists exactly on objects with record types;
 * - Task.WhatId can point to every custom object that allows activities (has LastActivityDate);
 * - RecordType.SobjectType's picklist lists the objects of the schema;
 * - how parents list their children (`parentRelationships`) is known for every reference field, and child
 *   relationship names are unique per parent.
 */
import { picklistEntries } from './fieldBuilders.js';
import type { FieldDescribe, ObjectDef, ParentRelationshipDef, SchemaDef } from './model.js';
import { recordTypeIdField } from './systemFields.js';

function pruneDanglingReferences(def: ObjectDef, existing: Set<string>): ObjectDef {
  const fields: FieldDescribe[] = [];
  const parentRelationships = { ...def.parentRelationships };
  for (const field of def.fields) {
    if (field.type !== 'reference') {
      fields.push(field);
      continue;
    }
    const referenceTo = field.referenceTo.filter((target) => existing.has(target));
    if (referenceTo.length === 0) {
      delete parentRelationships[field.name];
      continue;
    }
    fields.push(referenceTo.length === field.referenceTo.length ? field : { ...field, referenceTo });
  }
  return { ...def, fields, parentRelationships };
}

/** Record types bring RecordTypeId, placed after Name as Setup does; without them it goes away. */
function syncRecordTypeIdField(def: ObjectDef): ObjectDef {
  const hasField = def.fields.some((field) => field.name === 'RecordTypeId');
  const wantsField = def.recordTypes.length > 0;
  if (hasField === wantsField) return def;
  if (!wantsField) return { ...def, fields: def.fields.filter((field) => field.name !== 'RecordTypeId') };
  const nameIndex = def.fields.findIndex((field) => field.nameField);
  const fields = [...def.fields];
  fields.splice(nameIndex + 1, 0, recordTypeIdField());
  return { ...def, fields };
}

function activityTargets(objects: ObjectDef[]): string[] {
  return objects.filter((def) => def.header.custom && def.fields.some((field) => field.name === 'LastActivityDate')).map((def) => def.header.name);
}

/** Adds the custom objects that allow activities to Task.WhatId, keeping Salesforce's alphabetical order. */
function linkActivityTargets(def: ObjectDef, targets: string[]): ObjectDef {
  if (def.header.name !== 'Task') return def;
  const fields = def.fields.map((field) => {
    if (field.name !== 'WhatId') return field;
    const referenceTo = [...new Set([...field.referenceTo, ...targets])].sort((a, b) => a.localeCompare(b));
    return { ...field, referenceTo };
  });
  return { ...def, fields };
}

function listObjectNamesInRecordType(def: ObjectDef, objectNames: string[]): ObjectDef {
  if (def.header.name !== 'RecordType') return def;
  const fields = def.fields.map((field) => (field.name === 'SobjectType' ? { ...field, picklistValues: picklistEntries(objectNames) } : field));
  return { ...def, fields };
}

/** A reference field nobody described: a plain lookup without a child relationship name. */
const PLAIN_LOOKUP: ParentRelationshipDef = { relationshipName: null, cascadeDelete: false, restrictedDelete: false };

/**
 * Fills `parentRelationships` for every reference field: an entry the object already has wins, then the
 * recorded one (`Child.Field`), then a plain lookup.
 */
function completeParentRelationships(def: ObjectDef, recorded: Map<string, ParentRelationshipDef>): ObjectDef {
  const parentRelationships: Record<string, ParentRelationshipDef> = {};
  for (const field of def.fields) {
    if (field.type !== 'reference') continue;
    parentRelationships[field.name] = def.parentRelationships?.[field.name] ?? recorded.get(`${def.header.name}.${field.name}`) ?? PLAIN_LOOKUP;
  }
  return { ...def, parentRelationships };
}

/** Two child relationships of one parent with the same name would make `SELECT (SELECT ...)` ambiguous. */
function assertUniqueChildRelationshipNames(objects: ObjectDef[]): void {
  const seen = new Map<string, string>();
  for (const def of objects) {
    for (const field of def.fields) {
      const name = def.parentRelationships?.[field.name]?.relationshipName;
      if (field.type !== 'reference' || !name) continue;
      for (const parent of field.referenceTo) {
        const key = `${parent}.${name.toLowerCase()}`;
        const owner = `${def.header.name}.${field.name}`;
        const previous = seen.get(key);
        if (previous && previous !== owner) {
          throw new Error(`Child relationship name ${name} on ${parent} is used by both ${previous} and ${owner}`);
        }
        seen.set(key, owner);
      }
    }
  }
}

export function finalizeSchema(objects: ObjectDef[], recorded: Map<string, ParentRelationshipDef>): SchemaDef {
  const existing = new Set(objects.map((def) => def.header.name));
  const objectNames = [...existing].sort((a, b) => a.localeCompare(b));
  const targets = activityTargets(objects);
  const finalized = objects.map((def) =>
    completeParentRelationships(
      listObjectNamesInRecordType(linkActivityTargets(syncRecordTypeIdField(pruneDanglingReferences(def, existing)), targets), objectNames),
      recorded
    )
  );
  assertUniqueChildRelationshipNames(finalized);
  return { objects: finalized };
}
