import { expect } from 'chai';
import { defaultSchema } from '../../src/schema/defaultSchema.js';
import { entityDefinitionRows } from '../../src/schema/entityDefinitions.js';
import { fixturesAvailable, readFixtureDescribe } from './fixtureFiles.js';
import type { FieldDescribe, ObjectDef } from '../../src/schema/model.js';
import { readRecordedFile } from '../../src/schema/recordedDescribes.js';

const schema = defaultSchema();

function object(name: string): ObjectDef {
  const def = schema.objects.find((candidate) => candidate.header.name === name);
  if (!def) throw new Error(`no ${name}`);
  return def;
}

function field(objectName: string, fieldName: string): FieldDescribe {
  const found = object(objectName).fields.find((candidate) => candidate.name === fieldName);
  if (!found) throw new Error(`no ${objectName}.${fieldName}`);
  return found;
}

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

describe('defaultSchema', () => {
  it('has the standard objects with their real key prefixes', () => {
    const prefixes = Object.fromEntries(schema.objects.map((def) => [def.header.name, def.header.keyPrefix]));
    expect(prefixes).to.include({
      Account: '001',
      Contact: '003',
      Opportunity: '006',
      Case: '500',
      Lead: '00Q',
      Task: '00T',
      User: '005',
      Group: '00G',
      RecordType: '012',
      Product2: '01t',
      Pricebook2: '01s',
      PricebookEntry: '01u',
      OpportunityLineItem: '00k',
      Organization: '00D',
    });
    expect(new Set(Object.values(prefixes)).size).to.equal(schema.objects.length);
  });

  it('has no ScratchOrgInfo: only Dev Hub orgs do, and the CLI tells them apart by that', () => {
    expect(schema.objects.map((def) => def.header.name)).to.not.include('ScratchOrgInfo');
  });

  it('gives every field every key of a recorded field describe, with the recorded value types', () => {
    const recordedFields = readRecordedFile('Account').fields as unknown as Array<Record<string, unknown>>;
    const allowedTypes = new Map<string, Set<string>>();
    for (const recorded of recordedFields) {
      for (const [key, value] of Object.entries(recorded)) allowedTypes.set(key, (allowedTypes.get(key) ?? new Set()).add(typeOf(value)));
    }
    // Types Account happens not to show but the describe format allows (Setup-entered help text, orders).
    allowedTypes.get('relationshipOrder')!.add('number');
    allowedTypes.get('defaultValue')!.add('string').add('boolean');
    allowedTypes.get('inlineHelpText')!.add('string');
    for (const def of schema.objects) {
      for (const described of def.fields) {
        const where = `${def.header.name}.${described.name}`;
        expect(Object.keys(described).sort(), where).to.deep.equal([...allowedTypes.keys()].sort());
        for (const [key, value] of Object.entries(described)) {
          expect([...allowedTypes.get(key)!], `${where}.${key}`).to.include(typeOf(value));
        }
      }
    }
  });

  it('keeps the recorded standard fields as recorded, minus custom fields and references to absent objects', () => {
    for (const name of ['Account', 'Contact', 'Case', 'Lead', 'Opportunity'] as const) {
      const recorded = readRecordedFile(name).fields;
      for (const described of object(name).fields) {
        const original = recorded.find((candidate) => candidate.name === described.name);
        expect(original, `${name}.${described.name}`).to.not.equal(undefined);
        expect(described, `${name}.${described.name}`).to.deep.equal(original);
      }
    }
    const opportunityFields = object('Opportunity').fields.map((described) => described.name);
    expect(opportunityFields).to.include('Pricebook2Id').and.not.include('CampaignId');
    expect(object('Lead').fields.map((described) => described.name)).to.not.include('IndividualId');
    expect(object('Account').fields.map((described) => described.name)).to.not.include('Primary_Contact__c');
  });

  it("fills Task's keys added after its API v37 recording and keeps WhoId/WhatId polymorphic", () => {
    expect(field('Task', 'WhoId')).to.include({ polymorphicForeignKey: true, aiPredictionField: false, searchPrefilterable: false });
    expect(field('Task', 'WhoId').referenceTo).to.deep.equal(['Contact', 'Lead']);
    expect(field('Task', 'WhatId').referenceTo).to.deep.equal(['Account', 'Case', 'Opportunity', 'Product2', 'Project__c']);
    expect(field('Task', 'OwnerId').polymorphicForeignKey).to.equal(false);
  });

  it('keeps the self-references Account.ParentId and Contact.ReportsToId', () => {
    expect(field('Account', 'ParentId').referenceTo).to.deep.equal(['Account']);
    expect(field('Contact', 'ReportsToId').referenceTo).to.deep.equal(['Contact']);
  });

  it('knows how parents list their children, from the recorded child relationships', () => {
    expect(object('Contact').parentRelationships?.AccountId).to.deep.equal({ relationshipName: 'Contacts', cascadeDelete: true, restrictedDelete: false });
    expect(object('Case').parentRelationships?.AccountId).to.deep.equal({ relationshipName: 'Cases', cascadeDelete: false, restrictedDelete: true });
    expect(object('OpportunityLineItem').parentRelationships?.OpportunityId?.cascadeDelete).to.equal(true);
    expect(object('Project_Task__c').parentRelationships?.Project__c).to.deep.equal({
      relationshipName: 'Project_Tasks__r',
      cascadeDelete: true,
      restrictedDelete: false,
    });
    expect(object('Carrier__c').parentRelationships?.Home_Warehouse__c?.restrictedDelete).to.equal(true);
  });

  it('gives Account and Supplier__c record types whose picklist values differ', () => {
    const [customer, partner] = object('Account').recordTypes;
    expect(customer).to.include({ developerName: 'Customer', defaultRecordTypeMapping: true });
    expect(customer.picklistValues?.Type).to.not.include('Technology Partner');
    expect(partner.picklistValues?.Type).to.include('Technology Partner');
    expect(object('Supplier__c').recordTypes.map((recordType) => recordType.developerName)).to.deep.equal(['Manufacturer', 'Service_Provider']);
    expect(field('Supplier__c', 'RecordTypeId').referenceTo).to.deep.equal(['RecordType']);
    expect(object('Contact').fields.map((described) => described.name)).to.not.include('RecordTypeId');
  });

  it('has the custom objects a sync tool must handle', () => {
    expect(field('Supplier__c', 'External_Id__c')).to.include({ externalId: true, idLookup: true, unique: true });
    expect(field('Supplier__c', 'Tax_Number__c')).to.include({ unique: true, externalId: false });
    expect(field('Supplier__c', 'Parent_Supplier__c').referenceTo).to.deep.equal(['Supplier__c']);
    expect(object('Supplier__c').validationRules[0]).to.include({ errorCondition: "Type__c = 'Branch' AND Parent_Supplier__c = null" });
    expect(field('Shipment__c', 'Supplier__c')).to.include({ nillable: false, restrictedDelete: true });
    expect(field('Shipment__c', 'Name')).to.include({ autoNumber: true, createable: false });
    expect(object('Shipment__c').autoNumberFormats).to.deep.equal({ Name: 'SHP-{00000}' });
    expect(field('Project_Task__c', 'Project__c')).to.include({ relationshipOrder: 0, cascadeDelete: true, nillable: false });
    expect(field('Project_Assignment__c', 'Project__c').relationshipOrder).to.equal(0);
    expect(field('Project_Assignment__c', 'Contact__c').relationshipOrder).to.equal(1);
    expect(object('Project_Assignment__c').fields.map((described) => described.name)).to.not.include('OwnerId');
    expect(field('Team__c', 'Captain__c')).to.include({ nillable: true });
    expect(field('Team_Member__c', 'Team__c')).to.include({ nillable: true });
  });

  it('closes Warehouse -> Route -> Carrier -> Warehouse with exactly one required edge', () => {
    const edges = [field('Warehouse__c', 'Default_Route__c'), field('Route__c', 'Carrier__c'), field('Carrier__c', 'Home_Warehouse__c')];
    expect(edges.map((edge) => edge.referenceTo[0])).to.deep.equal(['Route__c', 'Carrier__c', 'Warehouse__c']);
    expect(edges.filter((edge) => !edge.nillable).map((edge) => edge.name)).to.deep.equal(['Home_Warehouse__c']);
  });

  it('has the Organization fields the sf CLI queries, all read-only', () => {
    for (const name of ['Name', 'InstanceName', 'IsSandbox', 'TrialExpirationDate', 'NamespacePrefix', 'OrganizationType']) {
      expect(field('Organization', name), name).to.include({ createable: false, updateable: false });
    }
  });

  it('lists every object in RecordType.SobjectType', () => {
    const values = field('RecordType', 'SobjectType').picklistValues.map((entry) => entry.value);
    expect(values).to.include.members(['Account', 'Supplier__c', 'Task']);
    expect(values).to.have.length(schema.objects.length);
  });

  it('returns a fresh copy each time', () => {
    const copy = defaultSchema();
    copy.objects.pop();
    expect(defaultSchema().objects).to.have.length(schema.objects.length);
  });

  it("derives EntityDefinition rows answering SFDMU's object list query", () => {
    const rows = entityDefinitionRows(schema);
    expect(rows).to.have.length(schema.objects.length);
    expect(rows.find((row) => row.QualifiedApiName === 'Supplier__c')).to.include({
      Id: 'Supplier__c',
      DurableId: 'Supplier__c',
      Label: 'Supplier',
      KeyPrefix: 'a0A',
      DeveloperName: 'Supplier',
      IsDeprecatedAndHidden: false,
      IsCustomSetting: false,
    });
    for (const name of ['QualifiedApiName', 'Label', 'IsDeprecatedAndHidden']) {
      expect(field('EntityDefinition', name), name).to.include({ filterable: true, sortable: true });
    }
  });
});

describe('recorded describe copies', function () {
  before(function () {
    if (!fixturesAvailable()) this.skip();
  });

  for (const name of ['Account', 'Contact', 'Case', 'Lead', 'Opportunity', 'Task'] as const) {
    it(`recorded/${name}.json holds the fixture's fields unchanged`, () => {
      const copy = readRecordedFile(name);
      const fixture = readFixtureDescribe(copy._source.fixture.replace('salesforce-fixtures/describe/', ''));
      expect(copy.fields).to.deep.equal(fixture.fields);
      expect(copy.header.keyPrefix).to.equal(fixture.keyPrefix);
    });
  }
});
