import { expect } from 'chai';
import type { OrgState } from '../../src/org/orgState.js';
import { defaultSchemaOrg } from './testOrg.js';

const none = { allOrNone: false };

describe('emulator deletes: cascade, restricted delete and lookup clearing (default schema)', () => {
  let org: OrgState;
  beforeEach(() => {
    org = defaultSchemaOrg();
  });

  const insert = (objectName: string, fields: Record<string, unknown>): string => {
    const [result] = org.engine.insert(objectName, [fields], none);
    expect(result.errors, `${objectName} insert`).to.deep.equal([]);
    return result.id!;
  };

  const account = (name: string, parentId?: string): string => insert('Account', { Name: name, ParentId: parentId ?? null });
  const contact = (accountId: string, lastName: string): string => insert('Contact', { LastName: lastName, FirstName: 'Ada', AccountId: accountId });
  const caseFor = (fields: Record<string, unknown>): string => insert('Case', { Subject: 'Broken', Status: 'New', Origin: 'Phone', ...fields });
  const isDeleted = (id: string): unknown => org.get(id)?.IsDeleted;

  it('takes contacts, opportunities with their line items and activities to the recycle bin with the account', () => {
    const acme = account('Acme');
    const subsidiary = account('Acme Europe', acme);
    const ada = contact(acme, 'Lovelace');
    const opportunity = insert('Opportunity', { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2025-01-31', AccountId: acme });
    const product = insert('Product2', { Name: 'Conveyor' });
    const standardBook = org.standardPricebookId!;
    const entry = insert('PricebookEntry', { Pricebook2Id: standardBook, Product2Id: product, UnitPrice: 10, IsActive: true });
    const line = insert('OpportunityLineItem', { OpportunityId: opportunity, PricebookEntryId: entry, Quantity: 2, UnitPrice: 10 });
    const taskOnAccount = insert('Task', { Subject: 'Call', WhatId: acme });
    const taskOnContact = insert('Task', { Subject: 'Email', WhoId: ada });

    expect(org.engine.delete([acme], none)).to.deep.equal([{ id: acme, success: true, errors: [] }]);

    for (const id of [acme, ada, opportunity, line, taskOnAccount, taskOnContact]) expect(isDeleted(id), id).to.equal(true);
    expect(isDeleted(subsidiary)).to.equal(false);
    expect(org.get(subsidiary)!.ParentId, 'the child account keeps living, without its parent').to.equal(undefined);
    expect(isDeleted(entry)).to.equal(false);
  });

  it('refuses to delete an account that still has cases, naming them, and deletes nothing', () => {
    const acme = account('Acme');
    const ada = contact(acme, 'Lovelace');
    const first = caseFor({ AccountId: acme });
    const second = caseFor({ AccountId: acme });
    const numbers = [org.get(first)!.CaseNumber, org.get(second)!.CaseNumber];

    expect(org.engine.delete([acme], none)[0]).to.deep.equal({
      id: null,
      success: false,
      errors: [
        {
          statusCode: 'DELETE_FAILED',
          message: `Your attempt to delete Acme could not be completed because it is associated with the following cases.: ${numbers.join(', ')}\n`,
          fields: [],
        },
      ],
    });
    expect(isDeleted(acme)).to.equal(false);
    expect(isDeleted(ada)).to.equal(false);
  });

  it('blocks a cascade when a cascaded record is restricted: a contact of the account has a case elsewhere', () => {
    const acme = account('Acme');
    const other = account('Globex');
    const ada = contact(acme, 'Lovelace');
    caseFor({ AccountId: other, ContactId: ada });

    const [result] = org.engine.delete([acme], none);
    expect(result.errors[0].statusCode).to.equal('DELETE_FAILED');
    expect(result.errors[0].message).to.match(
      /^Your attempt to delete Ada Lovelace could not be completed because it is associated with the following cases\.: \d{8}\n$/
    );
    expect(isDeleted(acme)).to.equal(false);
  });

  it('lets a restricted parent go once the same call has deleted its children before it', () => {
    const acme = account('Acme');
    const broken = caseFor({ AccountId: acme });
    expect(org.engine.delete([broken, acme], none).map((r) => r.success)).to.deep.equal([true, true]);
    expect(org.engine.delete([account('Initech')], none)[0].success, 'no case, no restriction').to.equal(true);
  });

  it('restricts required custom lookups (a warehouse with carriers) with the child object label', () => {
    const warehouse = insert('Warehouse__c', { Name: 'Lyon' });
    insert('Carrier__c', { Name: 'FastFreight', Home_Warehouse__c: warehouse });
    const [result] = org.engine.delete([warehouse], none);
    expect(result.errors[0].message).to.equal(
      'Your attempt to delete Lyon could not be completed because it is associated with the following carriers.: FastFreight\n'
    );
  });

  it('rolls a whole cascade back under allOrNone', () => {
    const acme = account('Acme');
    const ada = contact(acme, 'Lovelace');
    const results = org.engine.delete([acme, '001000000000000AAA'], { allOrNone: true });
    expect(results[0].errors[0].statusCode).to.equal('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(isDeleted(acme)).to.equal(false);
    expect(isDeleted(ada)).to.equal(false);
    expect(org.store.findChildren('Contact', 'AccountId', acme)!.map((c) => c.Id)).to.deep.equal([ada]);
  });

  it('finds children through the parent index as lookups change, are rolled back and are purged', () => {
    const acme = account('Acme');
    const globex = account('Globex');
    const ada = contact(acme, 'Lovelace');
    const ids = (parentId: string): string[] => org.store.findChildren('Contact', 'AccountId', parentId)!.map((c) => c.Id);
    expect(ids(acme)).to.deep.equal([ada]);
    org.engine.update('Contact', [{ Id: ada, AccountId: globex }], none);
    expect(ids(acme)).to.deep.equal([]);
    expect(ids(globex)).to.deep.equal([ada]);
    org.engine.update('Contact', [{ Id: ada, AccountId: acme }, { Id: 'bad' }], { allOrNone: true });
    expect(ids(globex), 'rolled back').to.deep.equal([ada]);
    org.engine.delete([ada], { allOrNone: false, hard: true });
    expect(org.store.findChildren('Contact', 'AccountId', globex, true)).to.deep.equal([]);
    expect(org.store.findChildren('Account', 'OwnerId', org.userId), 'users cannot be deleted: not indexed').to.equal(undefined);
  });

  it("lists child relationships in the parent's describe as the schema records them", () => {
    const relationships = org.schema.childRelationships('Account');
    const of = (childSObject: string, field: string): unknown => relationships.find((r) => r.childSObject === childSObject && r.field === field);
    expect(of('Contact', 'AccountId')).to.include({ relationshipName: 'Contacts', cascadeDelete: true, restrictedDelete: false });
    expect(of('Case', 'AccountId')).to.include({ relationshipName: 'Cases', cascadeDelete: false, restrictedDelete: true });
    expect(of('Task', 'WhatId')).to.include({ relationshipName: 'Tasks', cascadeDelete: true });
    expect(of('Account', 'ParentId')).to.include({ relationshipName: 'ChildAccounts', cascadeDelete: false, restrictedDelete: false });
  });
});
