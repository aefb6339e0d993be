/**
 * Test helper (not a test): a SchemaDef built from the recorded describes (shared/salesforce-fixtures),
 * which are the model's exact field shape, plus one hand-made custom object (`Widget__c`) that gathers
 * the features no single recording has (unique, external id, restricted picklist by record type,
 * validation rule, number precision). Lets the org be tested before the real default schema lands.
 */
import { readFileSync } from 'node:fs';
import { fixturePath } from '../fixtures.js';
import type { FieldDescribe, ObjectDef, ObjectDescribeHeader, SchemaDef } from '../../src/schema/model.js';

type RawDescribe = ObjectDescribeHeader & {
  fields: FieldDescribe[];
  recordTypeInfos?: Array<{ developerName: string; name: string; active: boolean; master: boolean; defaultRecordTypeMapping: boolean }>;
  childRelationships?: unknown;
  urls?: unknown;
};

function readDescribe(file: string): RawDescribe {
  const parsed = JSON.parse(readFileSync(fixturePath('describe', file), 'utf8')) as RawDescribe | { response: { body: RawDescribe } };
  return 'response' in parsed ? parsed.response.body : parsed;
}

function fromDescribe(raw: RawDescribe): ObjectDef {
  const { fields, recordTypeInfos, childRelationships: _c, urls: _u, ...header } = raw;
  return {
    header,
    fields,
    recordTypes: (recordTypeInfos ?? [])
      .filter((rt) => !rt.master)
      .map((rt) => ({ developerName: rt.developerName, name: rt.name, active: rt.active, defaultRecordTypeMapping: rt.defaultRecordTypeMapping })),
    validationRules: [],
  };
}

const accountDescribe = readDescribe('Account.cci.json');
const templateField = accountDescribe.fields.find((f) => f.name === 'Name')!;
const systemFields = readDescribe('With_External_Id__c.camel.json').fields.filter((f) => f.name !== 'Name' && f.name !== 'External_Id__c');

/** A describe field with every key, from a recorded text field, overridden as needed. */
export function makeField(overrides: Partial<FieldDescribe> & { name: string; type: FieldDescribe['type'] }): FieldDescribe {
  return {
    ...templateField,
    nameField: false,
    compoundFieldName: null,
    extraTypeInfo: null,
    nillable: true,
    custom: overrides.name.endsWith('__c'),
    label: overrides.name.replace(/__c$/, '').replace(/_/g, ' '),
    soapType: 'xsd:string',
    ...overrides,
  };
}

export function makeObject(name: string, keyPrefix: string, fields: FieldDescribe[], extra: Partial<ObjectDef> = {}): ObjectDef {
  const { fields: _f, recordTypeInfos: _r, childRelationships: _c, urls: _u, ...header } = accountDescribe;
  return {
    header: { ...header, name, keyPrefix, label: name.replace(/__c$/, ''), labelPlural: `${name.replace(/__c$/, '')}s`, custom: name.endsWith('__c') },
    fields: [...systemFields, ...fields],
    recordTypes: [],
    validationRules: [],
    ...extra,
  };
}

function widget(): ObjectDef {
  return makeObject(
    'Widget__c',
    'a0W',
    [
      makeField({ name: 'Name', type: 'string', nameField: true, length: 80 }),
      makeField({ name: 'Code__c', type: 'string', length: 10, unique: true }),
      makeField({ name: 'Ext__c', type: 'string', length: 20, externalId: true, idLookup: true }),
      makeField({
        name: 'Color__c',
        type: 'picklist',
        restrictedPicklist: true,
        picklistValues: ['Red', 'Green', 'Blue'].map((value) => ({ active: true, defaultValue: value === 'Red', label: value, validFor: null, value })),
        defaultedOnCreate: true,
      }),
      makeField({ name: 'Qty__c', type: 'double', precision: 5, scale: 2, soapType: 'xsd:double' }),
      makeField({ name: 'Due__c', type: 'date', soapType: 'xsd:date' }),
      makeField({ name: 'When__c', type: 'datetime', soapType: 'xsd:dateTime' }),
      makeField({ name: 'Email__c', type: 'email' }),
      makeField({ name: 'Active__c', type: 'boolean', nillable: false, defaultedOnCreate: true, defaultValue: false, soapType: 'xsd:boolean' }),
      makeField({ name: 'RecordTypeId', type: 'reference', referenceTo: ['RecordType'], relationshipName: 'RecordType', custom: false, soapType: 'tns:ID' }),
      makeField({ name: 'Account__c', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account__r', soapType: 'tns:ID' }),
      makeField({ name: 'Formula__c', type: 'string', calculated: true, createable: false, updateable: false }),
    ],
    {
      recordTypes: [
        { developerName: 'Standard', name: 'Standard', active: true, defaultRecordTypeMapping: true },
        { developerName: 'Mono', name: 'Mono', active: true, defaultRecordTypeMapping: false, picklistValues: { Color__c: ['Red'] } },
      ],
      validationRules: [{ name: 'No_Negative', errorCondition: 'Qty__c < 0', errorMessage: 'Quantity cannot be negative', errorDisplayField: 'Qty__c' }],
    }
  );
}

function minimal(name: string, keyPrefix: string, fields: FieldDescribe[]): ObjectDef {
  const def = makeObject(name, keyPrefix, fields);
  return { ...def, header: { ...def.header, createable: false, deletable: false, custom: false } };
}

function ticketAllocation(): ObjectDef {
  const def = fromDescribe(readDescribe('TicketAllocation__c.dreamhouse.json'));
  const masterDetail = readDescribe('TicketAllocation__c.dreamhouse-TRIMMED-with-master-detail.json').fields.find((f) => f.name === 'Contact__c')!;
  return { ...def, fields: [...def.fields.filter((f) => f.name !== 'Event_Instance__c'), masterDetail] };
}

export function testSchema(): SchemaDef {
  return {
    objects: [
      fromDescribe(accountDescribe),
      fromDescribe(readDescribe('Contact.cci.json')),
      fromDescribe(readDescribe('Opportunity.cci.json')),
      fromDescribe(readDescribe('With_External_Id__c.camel.json')),
      ticketAllocation(),
      widget(),
      minimal('User', '005', [
        makeField({ name: 'Username', type: 'string', nillable: false, unique: true, idLookup: true }),
        makeField({ name: 'LastName', type: 'string' }),
        makeField({ name: 'FirstName', type: 'string' }),
        makeField({ name: 'Name', type: 'string', nameField: true, createable: false, updateable: false }),
        makeField({ name: 'Email', type: 'email' }),
        makeField({ name: 'IsActive', type: 'boolean' }),
      ]),
      minimal('RecordType', '012', [
        makeField({ name: 'Name', type: 'string', nameField: true }),
        makeField({ name: 'DeveloperName', type: 'string' }),
        makeField({ name: 'SobjectType', type: 'string' }),
        makeField({ name: 'IsActive', type: 'boolean' }),
      ]),
      minimal('Organization', '00D', [
        makeField({ name: 'Name', type: 'string', nameField: true }),
        makeField({ name: 'InstanceName', type: 'string' }),
        makeField({ name: 'IsSandbox', type: 'boolean' }),
        makeField({ name: 'TrialExpirationDate', type: 'datetime' }),
        makeField({ name: 'NamespacePrefix', type: 'string' }),
        makeField({ name: 'OrganizationType', type: 'string' }),
      ]),
    ],
  };
}
