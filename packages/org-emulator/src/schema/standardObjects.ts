/**
 * The default schema's standard objects: the recorded ones (Account, Contact, Case, Lead, Opportunity,
 * Task) as recorded, plus the built ones (products, setup objects, permission sets), in one list.
 */
import type { ObjectDef, RecordTypeDef } from './model.js';
import { permissionSet, permissionSetAssignment } from './permissionObjects.js';
import { loadRecordedObject } from './recordedDescribes.js';
import { opportunityLineItem, pricebook2, pricebookEntry, product2 } from './salesObjects.js';
import { entityDefinition, group, organization, profile, recordType, user } from './setupObjects.js';

/** Account's record types: the Type picklist offers customer values to one, partner values to the other. */
const ACCOUNT_RECORD_TYPES: RecordTypeDef[] = [
  {
    developerName: 'Customer',
    name: 'Customer',
    active: true,
    defaultRecordTypeMapping: true,
    picklistValues: { Type: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Other'] },
  },
  {
    developerName: 'Partner',
    name: 'Partner',
    active: true,
    defaultRecordTypeMapping: false,
    picklistValues: { Type: ['Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other'] },
  },
];

function account(): ObjectDef {
  const def = loadRecordedObject('Account');
  def.recordTypes = ACCOUNT_RECORD_TYPES;
  return def;
}

export function defaultStandardObjects(): ObjectDef[] {
  return [
    account(),
    loadRecordedObject('Contact'),
    loadRecordedObject('Opportunity'),
    loadRecordedObject('Case'),
    loadRecordedObject('Lead'),
    loadRecordedObject('Task'),
    user(),
    profile(),
    group(),
    recordType(),
    product2(),
    pricebook2(),
    pricebookEntry(),
    opportunityLineItem(),
    organization(),
    entityDefinition(),
    permissionSet(),
    permissionSetAssignment(),
  ];
}
