/**
 * Test support: a small org (User, Group, Account, Contact, Task) with known records and Account's and
 * Contact's child relationships, shared by the engine's tests.
 */
import { FakeSource, fakeId, field, reference } from './fakeSource.js';

export const ids = {
  alice: fakeId('005', 1),
  bob: fakeId('005', 2),
  queue: fakeId('00G', 1),
  acme: fakeId('001', 1),
  globex: fakeId('001', 2),
  initech: fakeId('001', 3),
  deleted: fakeId('001', 4),
  ann: fakeId('003', 1),
  ben: fakeId('003', 2),
  orphan: fakeId('003', 3),
  call: fakeId('00T', 1),
  email: fakeId('00T', 2),
};

export function sampleOrg(indexedFields: string[] = []): FakeSource {
  const source = new FakeSource(indexedFields)
    .addObject('User', [
      field('Id', 'id'),
      field('IsDeleted', 'boolean'),
      field('Username', 'string', { unique: true }),
      field('Email', 'email'),
      field('IsActive', 'boolean'),
    ])
    .addObject('Group', [field('Id', 'id'), field('IsDeleted', 'boolean'), field('Name', 'string')])
    .addObject('Account', [
      field('Id', 'id'),
      field('IsDeleted', 'boolean'),
      field('Name', 'string', { nameField: true }),
      field('Type', 'picklist'),
      reference('ParentId', 'Parent', ['Account']),
      reference('OwnerId', 'Owner', ['User']),
      field('NumberOfEmployees', 'int'),
      field('AnnualRevenue', 'currency'),
      field('CreatedDate', 'datetime'),
      field('LastActivityDate', 'date'),
      field('Description', 'textarea', { filterable: false, sortable: false }),
      field('Industries__c', 'multipicklist', { sortable: false }),
      field('External_Id__c', 'string', { externalId: true, unique: true }),
      field('Is_Vip__c', 'boolean'),
    ])
    .addObject('Contact', [
      field('Id', 'id'),
      field('IsDeleted', 'boolean'),
      field('FirstName', 'string'),
      field('LastName', 'string'),
      reference('AccountId', 'Account', ['Account']),
      field('Birthdate', 'date'),
    ])
    .addObject('Task', [
      field('Id', 'id'),
      field('IsDeleted', 'boolean'),
      field('Subject', 'string'),
      reference('WhatId', 'What', ['Account', 'Contact']),
      reference('OwnerId', 'Owner', ['User', 'Group']),
    ])
    .addChildRelationship('Account', 'ChildAccounts', 'Account', 'ParentId')
    .addChildRelationship('Account', 'Contacts', 'Contact', 'AccountId')
    .addChildRelationship('Account', 'Tasks', 'Task', 'WhatId')
    .addChildRelationship('Contact', 'Tasks', 'Task', 'WhatId');

  source.insert('User', { Id: ids.alice, Username: 'alice@example.com', Email: 'alice@example.com', IsActive: true });
  source.insert('User', { Id: ids.bob, Username: 'bob@example.com', Email: 'bob@example.com', IsActive: false });
  source.insert('Group', { Id: ids.queue, Name: 'Support Queue' });
  source.insert('Account', {
    Id: ids.acme,
    Name: 'Acme',
    Type: 'Customer',
    ParentId: null,
    OwnerId: ids.alice,
    NumberOfEmployees: 100,
    AnnualRevenue: 5000.5,
    CreatedDate: '2024-01-31T10:00:00.000+0000',
    LastActivityDate: '2024-02-01',
    Industries__c: 'Tech;Retail',
    External_Id__c: 'ACME-1',
    Is_Vip__c: true,
  });
  source.insert('Account', {
    Id: ids.globex,
    Name: 'Globex',
    Type: 'Partner',
    ParentId: ids.acme,
    OwnerId: ids.bob,
    NumberOfEmployees: 20,
    AnnualRevenue: null,
    CreatedDate: '2024-03-15T23:30:00.000+0000',
    LastActivityDate: null,
    External_Id__c: 'GLOBEX-1',
    Is_Vip__c: false,
  });
  source.insert('Account', {
    Id: ids.initech,
    Name: 'initech',
    Type: null,
    ParentId: ids.globex,
    OwnerId: ids.alice,
    NumberOfEmployees: null,
    AnnualRevenue: 10,
    CreatedDate: '2023-12-31T23:59:59.000+0000',
    LastActivityDate: '2023-12-31',
    External_Id__c: 'INITECH-1',
    Is_Vip__c: false,
  });
  source.insert('Account', { Id: ids.deleted, Name: 'Gone', IsDeleted: true, OwnerId: ids.alice, Is_Vip__c: false });
  source.insert('Contact', { Id: ids.ann, FirstName: 'Ann', LastName: 'Lee', AccountId: ids.acme, Birthdate: '1990-05-01' });
  source.insert('Contact', { Id: ids.ben, FirstName: 'Ben', LastName: "O'Neil", AccountId: ids.globex, Birthdate: null });
  source.insert('Contact', { Id: ids.orphan, FirstName: null, LastName: 'Solo', AccountId: null, Birthdate: null });
  source.insert('Task', { Id: ids.call, Subject: 'Call', WhatId: ids.acme, OwnerId: ids.alice });
  source.insert('Task', { Id: ids.email, Subject: 'Email', WhatId: ids.ann, OwnerId: ids.queue });
  return source;
}

export const options = { includeDeleted: false, apiVersion: '62.0', now: new Date('2024-02-15T12:00:00Z') };

/** `/services/data/v62.0/sobjects/<type>/<id>` attributes, as the engine writes them. */
export function attrs(type: string, id: string): { type: string; url: string } {
  return { type, url: `/services/data/v62.0/sobjects/${type}/${id}` };
}
