import type { DescribeSObject } from '../../../src/lib/schema/describeTypes.js';
import { field, lookup, masterDetail, sobject } from '../graph/describeBuilders.js';

/** A small org: accounts with a parent and a primary contact, contacts, invoices under accounts. */
export function sampleSchema(): DescribeSObject[] {
  const account = sobject('Account', [
    field('AccountNumber'),
    field('Ext_Id__c', { externalId: true, unique: true }),
    field('Description', { type: 'textarea', filterable: false, length: 32_000 }),
    field('Total__c', { type: 'currency', calculated: true, createable: false, updateable: false }),
    lookup('ParentId', 'Account'),
    lookup('OwnerId', ['User'], { nillable: false, defaultedOnCreate: true }),
    lookup('Primary_Contact__c', 'Contact'),
  ]);
  const contact = sobject('Contact', [field('LastName', { nillable: false }), field('Email', { type: 'email' }), lookup('AccountId', 'Account')]);
  contact.fields[1] = { ...contact.fields[1], createable: false, updateable: false };
  const invoice = sobject('Invoice__c', [masterDetail('Account__c', 'Account')]);
  invoice.fields[1] = { ...invoice.fields[1], autoNumber: true, createable: false, updateable: false };
  return [account, contact, invoice];
}
