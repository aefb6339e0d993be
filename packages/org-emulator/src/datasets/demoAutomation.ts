/**
 * The demo org's automation, one active item of each kind, chosen so that the demo's own records and what
 * the plugin's tests write satisfy them, and so that their effects land on fields the API cannot write (a
 * sync neither copies nor compares them):
 *
 * - validation rule `Account.Revenue_Not_Negative`: AnnualRevenue below zero is refused (no demo account
 *   has a revenue);
 * - record-triggered flow `Account_Channel_Stamp` (after save, create and update): sets Account
 *   `ChannelProgramName` (read-only to the API);
 * - Apex trigger `ContactTrigger` (before insert, before update): sets Contact `JigsawContactId` (read-only);
 * - duplicate rule `Contact.Contact_Email_Duplicate_Rule`: a new Contact with the Email of an existing one is
 *   blocked (every demo contact has its own e-mail; a sync matches contacts on name and e-mail, so it updates
 *   rather than inserts the demo's contacts);
 * - workflow rule `Account.Large_Account_Review` (listed only);
 * - Process Builder process `Account_Tier_Process` (when a record is created or edited, version 1 of 2 active):
 *   sets Account `ChannelProgramLevelName` (read-only). Salesforce ended Process Builder's support on 31 Dec
 *   2025, but existing processes still run, so orgs a sync writes to still have them.
 *
 * Plus an inactive flow on Supplier__c (a custom object: the view names it by its `01I...` id) and a
 * managed-package validation rule (namespace `isv`), which the Tooling API cannot switch.
 *
 * Legacy records (`seedDemoLegacyRecords`, off unless asked for through `POST
 * /__emulator/automation/legacy-records`) are history that predates these rules: an account with a negative
 * revenue and a contact with an existing contact's e-mail, seeded past all automation.
 */
import type { AutomationRegistry } from '../automation/registry.js';
import type { StoredRecord } from '../soql/types.js';
import type { SeedTarget } from './types.js';

export const DEMO_AUTOMATION = {
  validationRule: 'Revenue_Not_Negative',
  flow: 'Account_Channel_Stamp',
  flowStamp: { field: 'ChannelProgramName', value: 'Stamped by flow Account_Channel_Stamp' },
  trigger: 'ContactTrigger',
  triggerStamp: { field: 'JigsawContactId', value: 'apex:ContactTrigger' },
  duplicateRule: 'Contact_Email_Duplicate_Rule',
  workflowRule: 'Large_Account_Review',
  process: 'Account_Tier_Process',
  processStamp: { field: 'ChannelProgramLevelName', value: 'Stamped by process Account_Tier_Process' },
} as const;

export function addDemoAutomation(registry: AutomationRegistry): void {
  registry.addValidationRule({
    objectName: 'Account',
    name: DEMO_AUTOMATION.validationRule,
    active: true,
    description: 'Annual revenue is never negative',
    errorConditionFormula: 'AND(NOT(ISBLANK(AnnualRevenue)), AnnualRevenue < 0)',
    errorMessage: 'Annual revenue cannot be negative.',
    errorDisplayField: 'AnnualRevenue',
  });
  registry.addValidationRule({
    objectName: 'Contact',
    name: 'Email_Has_At_Sign',
    active: true,
    errorConditionFormula: 'AND(NOT(ISBLANK(Email)), NOT(CONTAINS(Email, "@")))',
    errorMessage: 'An e-mail address needs an @.',
    errorDisplayField: 'Email',
    namespacePrefix: 'isv',
  });
  registry.addFlow({
    objectName: 'Account',
    apiName: DEMO_AUTOMATION.flow,
    label: 'Account Channel Stamp',
    triggerType: 'RecordAfterSave',
    recordTriggerType: 'CreateAndUpdate',
    triggerOrder: 10,
    versions: 3,
    activeVersion: 2,
    effect: DEMO_AUTOMATION.flowStamp,
  });
  registry.addFlow({
    objectName: 'Supplier__c',
    apiName: 'Supplier_Onboarding',
    label: 'Supplier Onboarding',
    triggerType: 'RecordBeforeSave',
    recordTriggerType: 'Create',
    versions: 1,
    activeVersion: 0,
  });
  registry.addTrigger({
    objectName: 'Contact',
    name: DEMO_AUTOMATION.trigger,
    status: 'Active',
    events: ['BeforeInsert', 'BeforeUpdate'],
    effect: DEMO_AUTOMATION.triggerStamp,
  });
  registry.addDuplicateRule({
    objectName: 'Contact',
    developerName: DEMO_AUTOMATION.duplicateRule,
    masterLabel: 'Contact Email Duplicate Rule',
    active: true,
    actionOnInsert: 'Block',
    actionOnUpdate: 'Allow',
    matchFields: ['Email'],
    matchRuleName: 'Contact_Email_Match_Rule',
  });
  registry.addWorkflowRule({ objectName: 'Account', name: DEMO_AUTOMATION.workflowRule, active: true, formula: 'AnnualRevenue > 1000000' });
  // Added last: the ids of the items above stay what they were before the process existed.
  registry.addFlow({
    objectName: 'Account',
    apiName: DEMO_AUTOMATION.process,
    label: 'Account Tier Process',
    processType: 'Workflow',
    processTriggerType: 'onAllChanges',
    versions: 2,
    activeVersion: 1,
    effect: DEMO_AUTOMATION.processStamp,
  });
}

export type LegacyRecord = { objectName: string; id: string; name: string; violates: string };

/**
 * Records that break the demo's validation rule and duplicate rule, seeded as history (no automation). The
 * duplicate contact copies the org's first contact with an e-mail; an org without one (a dataset with no
 * contacts, started with the demo's automation) gets the account only.
 */
export function seedDemoLegacyRecords(target: SeedTarget, records: (objectName: string) => StoredRecord[]): LegacyRecord[] {
  const accountName = 'Legacy Holdings (negative revenue)';
  const accountId = target.insert('Account', { Name: accountName, AnnualRevenue: -125000 }, { legacy: true });
  const created: LegacyRecord[] = [{ objectName: 'Account', id: accountId, name: accountName, violates: `ValidationRule ${DEMO_AUTOMATION.validationRule}` }];
  const contact = records('Contact').find((row) => typeof row.Email === 'string');
  if (!contact) return created;
  const contactId = target.insert(
    'Contact',
    { FirstName: 'Legacy', LastName: 'Duplicate', Email: contact.Email, AccountId: contact.AccountId ?? null },
    { legacy: true }
  );
  created.push({
    objectName: 'Contact',
    id: contactId,
    name: 'Legacy Duplicate',
    violates: `DuplicateRule ${DEMO_AUTOMATION.duplicateRule} (Email ${String(contact.Email)})`,
  });
  return created;
}
