import { expect } from 'chai';
import { buildField } from '../../src/schema/fieldBuilders.js';
import type { FieldSpec } from '../../src/schema/fieldSpec.js';
import { fixtureField, fixturesAvailable } from './fixtureFiles.js';
import { buildCustomObject } from '../../src/schema/objectBuilder.js';
import { autoNumberNameField, recordTypeIdField } from '../../src/schema/systemFields.js';

/** Keys describes gained after the recording's API version (v42): compared only when recorded. */
function recordedKeysOnly(built: object, recorded: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(built).filter(([key]) => key in recorded));
}

describe('field builders against recorded describes', function () {
  before(function () {
    if (!fixturesAvailable()) this.skip();
  });

  const cases: Array<[string, FieldSpec]> = [
    ['Property__c.dreamhouse.json', { kind: 'text', name: 'Address__c', length: 100 }],
    ['Property__c.dreamhouse.json', { kind: 'currency', name: 'Assessed_Value__c', precision: 18, scale: 0 }],
    ['Property__c.dreamhouse.json', { kind: 'double', name: 'Baths__c', precision: 2, scale: 0 }],
    ['Property__c.dreamhouse.json', { kind: 'lookup', name: 'Broker__c', referenceTo: 'Broker__c', relationshipName: 'Broker__r' }],
    ['Property__c.dreamhouse.json', { kind: 'date', name: 'Date_Agreement__c' }],
    ['Property__c.dreamhouse.json', { kind: 'textarea', name: 'Description__c', length: 500 }],
    ['Property__c.dreamhouse.json', { kind: 'url', name: 'Picture__c' }],
    ['Property__c.dreamhouse.json', { kind: 'picklist', name: 'Status__c', values: ['Contracted', 'Pre Market', 'Available', 'Under Agreement', 'Closed'] }],
    ['Broker__c.dreamhouse.json', { kind: 'email', name: 'Email__c' }],
    ['Broker__c.dreamhouse.json', { kind: 'phone', name: 'Mobile_Phone__c' }],
    ['Account_PersonAccountsEnabled.cci.json', { kind: 'boolean', name: 'npe01__SYSTEMIsIndividual__c' }],
    [
      'Account_PersonAccountsEnabled.cci.json',
      { kind: 'multipicklist', name: 'npsp__Funding_Focus__c', values: ['Arts & Culture', 'Education', 'Environment', 'Health', 'Human Services'] },
    ],
    ['Account_PersonAccountsEnabled.cci.json', { kind: 'percent', name: 'npsp__Matching_Gift_Percent__c', precision: 5, scale: 2 }],
    ['Account_PersonAccountsEnabled.cci.json', { kind: 'textarea', name: 'npsp__Matching_Gift_Comments__c', length: 32_768 }],
    [
      'TicketAllocation__c.dreamhouse-TRIMMED-with-master-detail.json',
      { kind: 'masterDetail', name: 'Contact__c', referenceTo: 'Contact', relationshipName: 'Contact__r' },
    ],
    ['With_External_Id__c.camel.json', { kind: 'double', name: 'External_Id__c', precision: 18, externalId: true }],
  ];

  for (const [file, spec] of cases) {
    it(`${spec.kind} builds ${file.split('.')[0]}.${spec.name} exactly as recorded`, () => {
      const recorded = fixtureField(file, spec.name);
      const built = buildField({ ...spec, label: recorded.label, inlineHelpText: recorded.inlineHelpText ?? undefined });
      // Picklist values are the recording org's own; the builder's entry shape is checked separately.
      if (spec.kind === 'picklist' || spec.kind === 'multipicklist') built.picklistValues = recorded.picklistValues;
      expect(recordedKeysOnly(built, recorded)).to.deep.equal(recorded);
    });
  }

  it('builds picklist entries in the recorded shape', () => {
    const recorded = fixtureField('Lead.cci.json', 'Status');
    const values = recorded.picklistValues.map((entry) => entry.value);
    const defaultValue = recorded.picklistValues.find((entry) => entry.defaultValue)?.value;
    const built = buildField({ kind: 'picklist', name: 'Status', values, defaultValue });
    expect(built.picklistValues).to.deep.equal(recorded.picklistValues);
    expect(built.defaultValue).to.equal(recorded.defaultValue);
  });

  it("builds a custom object's system fields as recorded (With_External_Id__c, TicketAllocation__c)", () => {
    const owned = buildCustomObject({ name: 'With_External_Id__c', keyPrefix: 'a08', label: 'With External Id', fields: [] });
    for (const name of ['Id', 'OwnerId', 'IsDeleted', 'Name', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp']) {
      const recorded = fixtureField('With_External_Id__c.camel.json', name);
      expect(
        recordedKeysOnly(
          owned.fields.find((field) => field.name === name)!,
          recorded
        ),
        name
      ).to.deep.equal(recorded);
    }
    const detail = buildCustomObject({
      name: 'TicketAllocation__c',
      keyPrefix: 'a07',
      label: 'TicketAllocation',
      fields: [{ kind: 'masterDetail', name: 'Contact__c', referenceTo: 'Contact', relationshipName: 'Contact__r' }],
    });
    const recordedFile = 'TicketAllocation__c.dreamhouse-TRIMMED-with-master-detail.json';
    const detailNames = detail.fields.map((field) => field.name);
    expect(detailNames).to.not.include('OwnerId');
    for (const field of detail.fields) expect(field, field.name).to.deep.equal(fixtureField(recordedFile, field.name));
  });

  it('builds RecordTypeId and an auto-number name field as recorded (Account, Case)', () => {
    expect(recordTypeIdField()).to.deep.equal(fixtureField('Account.cci.json', 'RecordTypeId'));
    expect(autoNumberNameField('Case Number', 'CaseNumber', 30)).to.deep.equal(fixtureField('Case.cci.json', 'CaseNumber'));
  });
});

describe('field builders: type rules', () => {
  it('gives text fields 3 bytes a character and marks external ids as upsert keys', () => {
    const field = buildField({ kind: 'externalId', name: 'Code__c', length: 40, unique: true, caseSensitive: true });
    expect(field).to.include({ length: 40, byteLength: 120, externalId: true, idLookup: true, unique: true, caseSensitive: true, soapType: 'xsd:string' });
  });

  it('makes long and rich text areas unfilterable, short ones filterable', () => {
    expect(buildField({ kind: 'textarea', name: 'Short__c' })).to.include({ filterable: true, sortable: true, groupable: true });
    expect(buildField({ kind: 'textarea', name: 'Long__c', length: 1000 })).to.include({
      filterable: false,
      sortable: false,
      groupable: false,
      aggregatable: false,
    });
    expect(buildField({ kind: 'textarea', name: 'Rich__c', rich: true })).to.include({ filterable: false, htmlFormatted: true, extraTypeInfo: 'richtextarea' });
  });

  it('types numbers, dates and ints with their SOAP types and groupability', () => {
    expect(buildField({ kind: 'int', name: 'Count__c', digits: 8 })).to.include({ soapType: 'xsd:int', digits: 8, groupable: true });
    expect(buildField({ kind: 'currency', name: 'Amount__c' })).to.include({ soapType: 'xsd:double', precision: 18, scale: 2, groupable: false });
    expect(buildField({ kind: 'datetime', name: 'At__c' })).to.include({ soapType: 'xsd:dateTime', groupable: false });
    expect(buildField({ kind: 'date', name: 'On__c' })).to.include({ soapType: 'xsd:date', groupable: true });
  });

  it('makes a polymorphic lookup name-pointing and a required lookup restrict deletes', () => {
    const polymorphic = buildField({ kind: 'lookup', name: 'WhoId', referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' });
    expect(polymorphic).to.include({ polymorphicForeignKey: true, namePointing: true, searchPrefilterable: false, custom: false });
    const required = buildField({ kind: 'lookup', name: 'Parent__c', referenceTo: 'Account', relationshipName: 'Parent__r', required: true });
    expect(required).to.include({ nillable: false, restrictedDelete: true, permissionable: false });
  });

  it('makes master-detail fields required, cascading, ordered and updateable only when reparentable', () => {
    const primary = buildField({ kind: 'masterDetail', name: 'A__c', referenceTo: 'A__c', relationshipName: 'A__r' });
    expect(primary).to.include({ nillable: false, cascadeDelete: true, relationshipOrder: 0, updateable: false, writeRequiresMasterRead: false });
    const secondary = buildField({
      kind: 'masterDetail',
      name: 'B__c',
      referenceTo: 'B__c',
      relationshipName: 'B__r',
      relationshipOrder: 1,
      reparentable: true,
      writeRequiresMasterRead: true,
    });
    expect(secondary).to.include({ relationshipOrder: 1, updateable: true, writeRequiresMasterRead: true });
  });

  it('makes a restricted multi-select picklist unsortable with its visible lines as precision', () => {
    const field = buildField({ kind: 'multipicklist', name: 'Tags__c', values: ['a', 'b'], restricted: true, visibleLines: 6 });
    expect(field).to.include({ restrictedPicklist: true, precision: 6, sortable: false, length: 4099, byteLength: 4099 });
    expect(field.picklistValues.map((entry) => entry.value)).to.deep.equal(['a', 'b']);
  });
});
