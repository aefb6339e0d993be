/**
 * Test support: a few objects in describe shape (Account, Contact, Lead, Task) with the field kinds Bulk
 * cares about: external ids, idLookup fields, a lookup, a polymorphic lookup, a compound address.
 */
import type { FieldDescribe, FieldType } from '../../src/schema/model.js';
import type { ObjectFields } from '../../src/bulk/types.js';

export function fakeField(name: string, type: FieldType, extra: Partial<FieldDescribe> = {}): FieldDescribe {
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
    custom: name.endsWith('__c'),
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
    idLookup: type === 'id',
    inlineHelpText: null,
    label: name,
    length: 255,
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
    soapType: 'xsd:string',
    sortable: true,
    type,
    unique: false,
    updateable: type !== 'id',
    writeRequiresMasterRead: false,
    ...extra,
  };
}

const OBJECTS: ObjectFields[] = [
  {
    name: 'Account',
    fields: [
      fakeField('Id', 'id'),
      fakeField('Name', 'string', { nameField: true, nillable: false }),
      fakeField('External_Id__c', 'string', { externalId: true, idLookup: true }),
      fakeField('NumberOfEmployees', 'int'),
      fakeField('Active__c', 'boolean'),
      fakeField('Description', 'textarea'),
      fakeField('BillingAddress', 'address'),
    ],
  },
  {
    name: 'Contact',
    fields: [
      fakeField('Id', 'id'),
      fakeField('LastName', 'string', { nillable: false }),
      fakeField('Email', 'email', { idLookup: true }),
      fakeField('AccountId', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
    ],
  },
  { name: 'Lead', fields: [fakeField('Id', 'id'), fakeField('LastName', 'string'), fakeField('Email', 'email', { idLookup: true })] },
  {
    name: 'Task',
    fields: [
      fakeField('Id', 'id'),
      fakeField('Subject', 'string'),
      fakeField('WhoId', 'reference', { referenceTo: ['Contact', 'Lead'], relationshipName: 'Who', polymorphicForeignKey: true }),
    ],
  },
];

export function describeFakeObject(name: string): ObjectFields | undefined {
  return OBJECTS.find((object) => object.name.toLowerCase() === name.toLowerCase());
}
