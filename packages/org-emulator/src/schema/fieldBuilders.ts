/**
 * Expands a compact `FieldSpec` into a complete `FieldDescribe` with the values Salesforce reports for that
 * field type. Every rule here was read off recorded describes in /work/shared/salesforce-fixtures/describe
 * (Property__c, Broker__c, TicketAllocation__c, NPSP's Account and the standard objects); fieldBuilders.test.ts
 * compares each kind with a recorded field of the same type.
 */
import type { FieldDescribe, FieldType, PicklistEntry } from './model.js';
import type {
  BooleanSpec,
  DateSpec,
  ExternalIdSpec,
  FieldSpec,
  IntSpec,
  LookupSpec,
  MasterDetailSpec,
  MultiPicklistSpec,
  NumberSpec,
  PicklistSpec,
  SimpleTextLikeSpec,
  TextAreaSpec,
  TextSpec,
} from './fieldSpec.js';

/** Characters of the longest "Text Area" that is still filterable; above it is "Text Area (Long)". */
const SHORT_TEXTAREA_MAX = 255;
/** Salesforce stores text as UTF-8 budgeting 3 bytes a character: byteLength = 3 * length. */
const BYTES_PER_CHAR = 3;
const ID_LENGTH = 18;

export function isCustomName(name: string): boolean {
  return name.endsWith('__c');
}

/** The label Setup proposes from an API name: `Parent_Supplier__c` -> `Parent Supplier`. */
export function labelFromName(name: string): string {
  return name.replace(/__c$/, '').replace(/_/g, ' ');
}

/**
 * Every key of a field describe, with the values of an ordinary createable, updateable, nillable,
 * filterable field; the type-specific builders override what differs.
 */
export function baseField(name: string, label: string, type: FieldType, soapType: string): FieldDescribe {
  return {
    aggregatable: true,
    aiPredictionField: false,
    autoNumber: false,
    byteLength: 0,
    calculated: false,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable: true,
    custom: isCustomName(name),
    defaultValue: null,
    defaultValueFormula: null,
    defaultedOnCreate: false,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: 0,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: false,
    extraTypeInfo: null,
    filterable: true,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: true,
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: false,
    inlineHelpText: null,
    label,
    length: 0,
    mask: null,
    maskType: null,
    name,
    nameField: false,
    namePointing: false,
    nillable: true,
    permissionable: true,
    picklistValues: [],
    polymorphicForeignKey: false,
    precision: 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: [],
    relationshipName: null,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: false,
    scale: 0,
    searchPrefilterable: false,
    soapType,
    sortable: true,
    type,
    unique: false,
    updateable: true,
    writeRequiresMasterRead: false,
  };
}

/** Applies what every spec shares: label, help text and "required" (required fields have no field-level security). */
function withCommon(spec: { name: string; label?: string; required?: boolean; inlineHelpText?: string }, type: FieldType, soapType: string): FieldDescribe {
  const field = baseField(spec.name, spec.label ?? labelFromName(spec.name), type, soapType);
  field.inlineHelpText = spec.inlineHelpText ?? null;
  if (spec.required) {
    field.nillable = false;
    field.permissionable = false;
  }
  return field;
}

function textField(spec: TextSpec): FieldDescribe {
  const field = withCommon(spec, 'string', 'xsd:string');
  field.length = spec.length ?? 255;
  field.byteLength = BYTES_PER_CHAR * field.length;
  field.unique = spec.unique ?? false;
  field.caseSensitive = field.unique && (spec.caseSensitive ?? false);
  field.externalId = spec.externalId ?? false;
  field.idLookup = field.externalId;
  if (spec.defaultValueFormula !== undefined) {
    field.defaultValueFormula = spec.defaultValueFormula;
    field.defaultedOnCreate = true;
  }
  return field;
}

function externalIdField(spec: ExternalIdSpec): FieldDescribe {
  return textField({ ...spec, kind: 'text', externalId: true });
}

function textAreaField(spec: TextAreaSpec): FieldDescribe {
  const field = withCommon(spec, 'textarea', 'xsd:string');
  field.length = spec.length ?? (spec.rich ? 32_768 : SHORT_TEXTAREA_MAX);
  field.byteLength = BYTES_PER_CHAR * field.length;
  field.extraTypeInfo = spec.rich ? 'richtextarea' : 'plaintextarea';
  field.htmlFormatted = spec.rich ?? false;
  // Long and rich text areas can be neither filtered, sorted, grouped nor aggregated in SOQL.
  if (spec.rich || field.length > SHORT_TEXTAREA_MAX) {
    field.aggregatable = false;
    field.filterable = false;
    field.sortable = false;
    field.groupable = false;
  }
  return field;
}

const TEXT_LIKE_LENGTH: Record<SimpleTextLikeSpec['kind'], number> = { email: 80, phone: 40, url: 255 };

function textLikeField(spec: SimpleTextLikeSpec): FieldDescribe {
  const field = withCommon(spec, spec.kind, 'xsd:string');
  field.length = TEXT_LIKE_LENGTH[spec.kind];
  field.byteLength = BYTES_PER_CHAR * field.length;
  return field;
}

function booleanField(spec: BooleanSpec): FieldDescribe {
  // A checkbox is never null: false unless set, hence non-nillable and defaulted on create.
  const field = withCommon(spec, 'boolean', 'xsd:boolean');
  field.aggregatable = false;
  field.nillable = false;
  field.defaultedOnCreate = true;
  field.defaultValue = spec.defaultValue ?? false;
  return field;
}

function intField(spec: IntSpec): FieldDescribe {
  const field = withCommon(spec, 'int', 'xsd:int');
  field.digits = spec.digits ?? 9;
  return field;
}

const DEFAULT_SCALE: Record<NumberSpec['kind'], number> = { double: 0, currency: 2, percent: 0 };

function numberField(spec: NumberSpec): FieldDescribe {
  // Fractional numbers cannot be GROUP BY keys.
  const field = withCommon(spec, spec.kind, 'xsd:double');
  field.precision = spec.precision ?? 18;
  field.scale = spec.scale ?? DEFAULT_SCALE[spec.kind];
  field.groupable = false;
  field.externalId = spec.externalId ?? false;
  field.unique = spec.unique ?? false;
  field.idLookup = field.externalId;
  return field;
}

function dateField(spec: DateSpec): FieldDescribe {
  if (spec.kind === 'date') return withCommon(spec, 'date', 'xsd:date');
  const field = withCommon(spec, 'datetime', 'xsd:dateTime');
  field.groupable = false;
  return field;
}

export function picklistEntries(values: string[], defaultValue?: string): PicklistEntry[] {
  return values.map((value) => ({
    active: true,
    defaultValue: value === defaultValue,
    label: value,
    validFor: null,
    value,
  }));
}

function picklistField(spec: PicklistSpec): FieldDescribe {
  const field = withCommon(spec, 'picklist', 'xsd:string');
  field.length = 255;
  field.byteLength = BYTES_PER_CHAR * field.length;
  field.picklistValues = picklistEntries(spec.values, spec.defaultValue);
  field.restrictedPicklist = spec.restricted ?? false;
  if (spec.defaultValue !== undefined) {
    field.defaultValue = spec.defaultValue;
    field.defaultedOnCreate = true;
  }
  return field;
}

function multiPicklistField(spec: MultiPicklistSpec): FieldDescribe {
  // 4099 = 4096 characters of values plus separators, reported in both length and byteLength.
  const field = withCommon(spec, 'multipicklist', 'xsd:string');
  field.length = 4099;
  field.byteLength = 4099;
  field.precision = spec.visibleLines ?? 4;
  field.picklistValues = picklistEntries(spec.values);
  field.restrictedPicklist = spec.restricted ?? false;
  field.aggregatable = false;
  field.sortable = false;
  field.groupable = false;
  return field;
}

function referenceField(spec: { name: string; label?: string; required?: boolean; inlineHelpText?: string }): FieldDescribe {
  const field = withCommon(spec, 'reference', 'tns:ID');
  field.length = ID_LENGTH;
  field.byteLength = ID_LENGTH;
  return field;
}

function lookupField(spec: LookupSpec): FieldDescribe {
  const field = referenceField(spec);
  const targets = typeof spec.referenceTo === 'string' ? [spec.referenceTo] : [...spec.referenceTo];
  field.referenceTo = targets;
  field.relationshipName = spec.relationshipName;
  if (targets.length > 1) {
    // Polymorphic (WhoId/WhatId/OwnerId): the relationship resolves to Name, and it is not a search prefilter.
    field.polymorphicForeignKey = true;
    field.namePointing = true;
  } else {
    field.searchPrefilterable = true;
  }
  // A required lookup forces "Don't allow deletion of the lookup record" in Setup.
  if (spec.required) field.restrictedDelete = true;
  return field;
}

function masterDetailField(spec: MasterDetailSpec): FieldDescribe {
  const field = referenceField({ ...spec, required: true });
  field.referenceTo = [spec.referenceTo];
  field.relationshipName = spec.relationshipName;
  field.relationshipOrder = spec.relationshipOrder ?? 0;
  field.cascadeDelete = true;
  field.updateable = spec.reparentable ?? false;
  field.writeRequiresMasterRead = spec.writeRequiresMasterRead ?? false;
  field.searchPrefilterable = true;
  return field;
}

/** The complete describe of the field a spec declares. */
export function buildField(spec: FieldSpec): FieldDescribe {
  switch (spec.kind) {
    case 'text':
      return textField(spec);
    case 'externalId':
      return externalIdField(spec);
    case 'textarea':
      return textAreaField(spec);
    case 'email':
    case 'phone':
    case 'url':
      return textLikeField(spec);
    case 'boolean':
      return booleanField(spec);
    case 'int':
      return intField(spec);
    case 'double':
    case 'currency':
    case 'percent':
      return numberField(spec);
    case 'date':
    case 'datetime':
      return dateField(spec);
    case 'picklist':
      return picklistField(spec);
    case 'multipicklist':
      return multiPicklistField(spec);
    case 'lookup':
      return lookupField(spec);
    case 'masterDetail':
      return masterDetailField(spec);
  }
}
