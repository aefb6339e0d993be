/**
 * Builds a complete custom object (`ObjectDef`) from a compact spec, the way Setup creates one: Id, OwnerId
 * (unless a master-detail field makes it a detail object, which inherits ownership), IsDeleted, Name, audit
 * and recently-viewed fields, then the custom fields sorted by name, as describes list them.
 */
import { buildField, labelFromName } from './fieldBuilders.js';
import type { FieldSpec } from './fieldSpec.js';
import type { FieldDescribe, ObjectDef, ParentRelationshipDef, RecordTypeDef, ValidationRuleDef } from './model.js';
import { customObjectHeader } from './objectHeaders.js';
import {
  auditFields,
  autoNumberNameField,
  idField,
  isDeletedField,
  lastActivityDateField,
  ownerIdField,
  recentlyViewedFields,
  recordTypeIdField,
  textNameField,
} from './systemFields.js';

export type NameFieldSpec = { kind: 'text'; label?: string } | { kind: 'autoNumber'; label?: string; displayFormat: string };

export type CustomObjectSpec = {
  /** API name, ending in `__c`. */
  name: string;
  keyPrefix: string;
  label?: string;
  labelPlural?: string;
  /** Default: a text Name labelled "<Label> Name". */
  nameField?: NameFieldSpec;
  fields: FieldSpec[];
  recordTypes?: RecordTypeDef[];
  validationRules?: ValidationRuleDef[];
  /** "Allow Activities": adds LastActivityDate; Task.WhatId may then point here. */
  enableActivities?: boolean;
};

/** Setup's default child relationship name: the child's plural label, underscored, plus `__r`. */
export function defaultChildRelationshipName(childLabelPlural: string): string {
  return `${childLabelPlural.replace(/[^A-Za-z0-9]+/g, '_')}__r`;
}

/** How the parents of the spec's lookup and master-detail fields list them. */
export function parentRelationshipsOf(specs: FieldSpec[], labelPlural: string): Record<string, ParentRelationshipDef> {
  const result: Record<string, ParentRelationshipDef> = {};
  for (const spec of specs) {
    if (spec.kind !== 'lookup' && spec.kind !== 'masterDetail') continue;
    result[spec.name] = {
      relationshipName: spec.childRelationshipName ?? defaultChildRelationshipName(labelPlural),
      cascadeDelete: spec.kind === 'masterDetail',
      restrictedDelete: spec.kind === 'lookup' && spec.required === true,
    };
  }
  return result;
}

function nameFieldOf(spec: CustomObjectSpec, label: string): FieldDescribe {
  const nameSpec = spec.nameField ?? { kind: 'text' };
  const nameLabel = nameSpec.label ?? `${label} Name`;
  return nameSpec.kind === 'autoNumber' ? autoNumberNameField(nameLabel) : textNameField(nameLabel);
}

export function buildCustomObject(spec: CustomObjectSpec): ObjectDef {
  const label = spec.label ?? labelFromName(spec.name);
  const labelPlural = spec.labelPlural ?? `${label}s`;
  const hasOwner = !spec.fields.some((field) => field.kind === 'masterDetail');
  const recordTypes = spec.recordTypes ?? [];
  const customFields = spec.fields.map(buildField).sort((a, b) => a.name.localeCompare(b.name));
  const fields: FieldDescribe[] = [
    idField(),
    ...(hasOwner ? [ownerIdField()] : []),
    isDeletedField(),
    nameFieldOf(spec, label),
    ...(recordTypes.length > 0 ? [recordTypeIdField()] : []),
    ...auditFields(),
    ...(spec.enableActivities ? [lastActivityDateField()] : []),
    ...recentlyViewedFields(),
    ...customFields,
  ];
  const def: ObjectDef = {
    header: customObjectHeader(spec.name, spec.keyPrefix, label, labelPlural, hasOwner),
    fields,
    recordTypes,
    validationRules: spec.validationRules ?? [],
    parentRelationships: parentRelationshipsOf(spec.fields, labelPlural),
  };
  if (spec.nameField?.kind === 'autoNumber') def.autoNumberFormats = { Name: spec.nameField.displayFormat };
  return def;
}
