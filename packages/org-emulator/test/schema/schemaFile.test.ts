import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { FieldDescribe, ObjectDef, SchemaDef } from '../../src/schema/model.js';
import { loadSchemaFile, SchemaFileError } from '../../src/schema/schemaFile.js';

describe('loadSchemaFile', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'schema-file-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  function load(content: unknown): SchemaDef {
    const file = join(folder, 'schema.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return loadSchemaFile(file);
  }

  function problemsOf(content: unknown): string[] {
    try {
      load(content);
    } catch (error) {
      expect(error).to.be.instanceOf(SchemaFileError);
      return (error as SchemaFileError).problems;
    }
    throw new Error('expected the schema file to be rejected');
  }

  function object(schema: SchemaDef, name: string): ObjectDef | undefined {
    return schema.objects.find((def) => def.header.name === name);
  }

  function field(schema: SchemaDef, objectName: string, fieldName: string): FieldDescribe | undefined {
    return object(schema, objectName)?.fields.find((candidate) => candidate.name === fieldName);
  }

  it('gives the default schema for an empty change set', () => {
    expect(object(load({}), 'Supplier__c')).to.not.equal(undefined);
  });

  it('removes objects, and the reference fields that pointed only to them', () => {
    const schema = load({ removeObjects: ['Team_Member__c', 'Project__c'] });
    expect(object(schema, 'Team_Member__c')).to.equal(undefined);
    expect(field(schema, 'Team__c', 'Captain__c')).to.equal(undefined);
    expect(field(schema, 'Task', 'WhatId')?.referenceTo).to.not.include('Project__c');
  });

  it('removes fields, picklist values and record types', () => {
    const schema = load({
      removeFields: { Account: ['Rating'], Supplier__c: ['Category__c'] },
      removePicklistValues: { 'Account.Type': ['Technology Partner'] },
      removeRecordTypes: { Supplier__c: ['Manufacturer'] },
    });
    expect(field(schema, 'Account', 'Rating')).to.equal(undefined);
    expect(field(schema, 'Account', 'Type')?.picklistValues.map((entry) => entry.value)).to.not.include('Technology Partner');
    const partner = object(schema, 'Account')?.recordTypes.find((recordType) => recordType.developerName === 'Partner');
    expect(partner?.picklistValues?.Type).to.not.include('Technology Partner');
    const supplierTypes = object(schema, 'Supplier__c')?.recordTypes;
    expect(supplierTypes).to.have.length(1);
    expect(supplierTypes?.[0]).to.include({ developerName: 'Service_Provider', defaultRecordTypeMapping: true });
    expect(supplierTypes?.[0].picklistValues).to.deep.equal({});
  });

  it('removes RecordTypeId with the last record type', () => {
    const schema = load({ removeRecordTypes: { Account: ['Customer', 'Partner'] } });
    expect(field(schema, 'Account', 'RecordTypeId')).to.equal(undefined);
  });

  it("changes a field's type or nillability", () => {
    const schema = load({
      changeFields: {
        'Supplier__c.Notes__c': { spec: { kind: 'text', length: 80 } },
        'Contact.Email': { required: true },
        'Team__c.Captain__c': { required: true },
      },
    });
    expect(field(schema, 'Supplier__c', 'Notes__c')).to.include({ type: 'string', length: 80, label: 'Notes', custom: true });
    expect(field(schema, 'Contact', 'Email')).to.include({ nillable: false, type: 'email' });
    expect(field(schema, 'Team__c', 'Captain__c')?.nillable).to.equal(false);
  });

  it('adds objects, fields, record types and validation rules', () => {
    const schema = load({
      addObjects: [
        {
          name: 'Invoice__c',
          keyPrefix: 'a1A',
          nameField: { kind: 'autoNumber', displayFormat: 'INV-{0000}' },
          fields: [
            { kind: 'masterDetail', name: 'Account__c', referenceTo: 'Account', relationshipName: 'Account__r' },
            { kind: 'currency', name: 'Total__c' },
          ],
          enableActivities: true,
          recordTypes: [{ developerName: 'Domestic', name: 'Domestic' }],
        },
      ],
      addFields: { Account: [{ kind: 'externalId', name: 'Legacy_Id__c', length: 20, unique: true }] },
      addRecordTypes: { Project__c: [{ developerName: 'Internal', name: 'Internal' }] },
      addValidationRules: {
        Account: [{ name: 'Needs_Legacy_Id', errorCondition: 'Legacy_Id__c = null', errorMessage: 'Legacy id required', on: 'insert' }],
      },
    });
    expect(field(schema, 'Invoice__c', 'Account__c')).to.include({ relationshipOrder: 0, cascadeDelete: true });
    expect(object(schema, 'Invoice__c')?.autoNumberFormats).to.deep.equal({ Name: 'INV-{0000}' });
    expect(field(schema, 'Task', 'WhatId')?.referenceTo).to.include('Invoice__c');
    expect(field(schema, 'Account', 'Legacy_Id__c')).to.include({ externalId: true, unique: true, custom: true });
    expect(object(schema, 'Project__c')?.recordTypes[0]).to.include({ developerName: 'Internal', defaultRecordTypeMapping: true, active: true });
    expect(field(schema, 'Project__c', 'RecordTypeId')).to.not.equal(undefined);
    // A new object's record types take the same defaults: active, the first one the default.
    expect(object(schema, 'Invoice__c')?.recordTypes[0]).to.include({ developerName: 'Domestic', defaultRecordTypeMapping: true, active: true });
    expect(object(schema, 'Account')?.validationRules.map((rule) => rule.name)).to.include('Needs_Legacy_Id');
  });

  it('reports unreadable files and invalid JSON with the file name', () => {
    expect(() => loadSchemaFile(join(folder, 'missing.json'))).to.throw(SchemaFileError, /missing\.json:\n {2}- cannot be read/);
    expect(() => load('{ "removeObjects": [')).to.throw(SchemaFileError, /is not valid JSON/);
  });

  it('lists every structural mistake with its JSON path', () => {
    const problems = problemsOf({
      removeObject: ['Team__c'],
      addFields: {
        Account: [
          { kind: 'txt', name: 'A__c' },
          { kind: 'text', name: 'Bad Name', length: 300 },
          { kind: 'picklist', name: 'P__c', values: ['x', 'x'], defaultValue: 'y' },
          { kind: 'lookup', name: 'L__c', referenceTo: 'Account' },
        ],
      },
      changeFields: { Account: { required: true } },
    });
    expect(problems).to.include.members([
      '$.removeObject: unknown key (allowed: removeObjects, removeFields, removePicklistValues, removeRecordTypes, changeFields, addObjects, addFields, addRecordTypes, addValidationRules)',
      '$.addFields["Account"][0].kind: must be one of text, externalId, textarea, email, phone, url, boolean, int, double, currency, percent, date, datetime, picklist, multipicklist, lookup, masterDetail, got "txt"',
      '$.addFields["Account"][1].length: must be an integer from 1 to 255, got 300',
      '$.addFields["Account"][1].name: "Bad Name" is not a custom field API name (letters, digits, single underscores, ending in __c)',
      '$.addFields["Account"][2].values: duplicate value "x"',
      '$.addFields["Account"][2].defaultValue: "y" is not one of the values',
      '$.addFields["Account"][3]: missing "relationshipName"',
      '$.changeFields["Account"]: key must be "Object.Field"',
    ]);
  });

  it('reports what does not fit the schema', () => {
    const problems = problemsOf({
      removeObjects: ['Nope__c', 'User'],
      removeFields: { Account: ['Id', 'Missing__c'], Supplier__c: ['Parent_Supplier__c'] },
      removePicklistValues: { 'Account.Name': ['x'], 'Account.Type': ['Nope'] },
      addObjects: [{ name: 'Clash__c', keyPrefix: '001', fields: [] }],
      addFields: { Contact: [{ kind: 'lookup', name: 'Vendor__c', referenceTo: 'Vendor__c', relationshipName: 'Vendor__r' }] },
      addValidationRules: { Project__c: [{ name: 'Bad', errorCondition: 'Budgett__c > 0', errorMessage: 'x' }] },
    });
    expect(problems).to.include.members([
      '$.removeObjects[0]: no object "Nope__c" in the schema',
      '$.removeObjects[1]: User cannot be removed, every org has it',
      '$.removeFields["Account"][0]: Id is a system field; the org maintains it',
      '$.removeFields["Account"][1]: no field "Missing__c" on Account',
      '$.removeFields["Supplier__c"][0]: validation rule Branch_Requires_Parent uses Parent_Supplier__c, and Salesforce does not delete a field a validation rule uses',
      '$.removePicklistValues["Account.Name"]: Account.Name is a string field, not a picklist',
      '$.removePicklistValues["Account.Type"][0]: "Nope" is not a value of Account.Type',
      '$.addObjects[0].keyPrefix: "001" is already Account\'s key prefix',
      '$.addFields["Contact"][0].referenceTo: no object "Vendor__c" in the schema',
      'Project__c validation rule Bad: unknown field Budgett__c',
    ]);
  });

  it('rejects record type picklist values the field does not have', () => {
    const problems = problemsOf({
      addRecordTypes: { Project__c: [{ developerName: 'X', name: 'X', picklistValues: { Status__c: ['Draft', 'Lost'] } }] },
    });
    expect(problems).to.deep.equal(['Project__c record type X: Status__c has no value "Lost"']);
  });
});
