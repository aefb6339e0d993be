/**
 * The default schema's custom objects. Each exists to put a sync tool in front of one situation it must
 * handle (see README.md, "Custom objects"):
 * - Supplier__c: external id + a unique non-external-id field, a self-reference, record types with a
 *   picklist whose values depend on the record type, and a validation rule tying the self-reference to a
 *   picklist (a branch needs its parent at insert time, so "insert empty, update later" fails).
 * - Shipment__c: a required (non-nillable) lookup, and an auto-number Name.
 * - Project__c / Project_Task__c / Project_Assignment__c: master-detail, and a junction with two masters
 *   (Project__c primary, Contact secondary).
 * - Team__c <-> Team_Member__c: a two-object cycle of nillable lookups.
 * - Warehouse__c -> Route__c -> Carrier__c -> Warehouse__c: a three-object cycle whose only required edge
 *   is Carrier__c.Home_Warehouse__c, so the cycle must be broken on the two others.
 */
import type { CustomObjectSpec } from './objectBuilder.js';

const supplier: CustomObjectSpec = {
  name: 'Supplier__c',
  keyPrefix: 'a0A',
  fields: [
    { kind: 'externalId', name: 'External_Id__c', label: 'External Id', length: 40, unique: true },
    { kind: 'text', name: 'Tax_Number__c', label: 'Tax Number', length: 20, unique: true, caseSensitive: false },
    { kind: 'picklist', name: 'Type__c', label: 'Type', values: ['Headquarters', 'Branch', 'Independent'], restricted: true },
    {
      kind: 'picklist',
      name: 'Category__c',
      label: 'Category',
      values: ['Raw Materials', 'Components', 'Packaging', 'Logistics', 'Consulting'],
    },
    {
      kind: 'lookup',
      name: 'Parent_Supplier__c',
      label: 'Parent Supplier',
      referenceTo: 'Supplier__c',
      relationshipName: 'Parent_Supplier__r',
      childRelationshipName: 'Branches__r',
    },
    { kind: 'lookup', name: 'Account__c', label: 'Account', referenceTo: 'Account', relationshipName: 'Account__r' },
    { kind: 'email', name: 'Email__c', label: 'Email' },
    { kind: 'phone', name: 'Phone__c', label: 'Phone' },
    { kind: 'url', name: 'Website__c', label: 'Website' },
    { kind: 'boolean', name: 'Active__c', label: 'Active', defaultValue: true },
    { kind: 'date', name: 'Contract_Start__c', label: 'Contract Start' },
    { kind: 'currency', name: 'Annual_Spend__c', label: 'Annual Spend', precision: 16, scale: 2 },
    { kind: 'percent', name: 'On_Time_Rate__c', label: 'On-Time Rate', precision: 5, scale: 2 },
    { kind: 'multipicklist', name: 'Certifications__c', label: 'Certifications', values: ['ISO 9001', 'ISO 14001', 'Fair Trade', 'FSC'] },
    { kind: 'textarea', name: 'Notes__c', label: 'Notes', length: 32_768 },
  ],
  recordTypes: [
    {
      developerName: 'Manufacturer',
      name: 'Manufacturer',
      active: true,
      defaultRecordTypeMapping: true,
      picklistValues: { Category__c: ['Raw Materials', 'Components', 'Packaging'] },
    },
    {
      developerName: 'Service_Provider',
      name: 'Service Provider',
      active: true,
      defaultRecordTypeMapping: false,
      picklistValues: { Category__c: ['Logistics', 'Consulting'] },
    },
  ],
  validationRules: [
    {
      name: 'Branch_Requires_Parent',
      errorCondition: "Type__c = 'Branch' AND Parent_Supplier__c = null",
      errorMessage: 'A branch must have a parent supplier.',
      errorDisplayField: 'Parent_Supplier__c',
    },
  ],
};

const shipment: CustomObjectSpec = {
  name: 'Shipment__c',
  keyPrefix: 'a0B',
  nameField: { kind: 'autoNumber', label: 'Shipment Number', displayFormat: 'SHP-{00000}' },
  fields: [
    {
      kind: 'lookup',
      name: 'Supplier__c',
      label: 'Supplier',
      referenceTo: 'Supplier__c',
      relationshipName: 'Supplier__r',
      required: true,
    },
    { kind: 'lookup', name: 'Warehouse__c', label: 'Warehouse', referenceTo: 'Warehouse__c', relationshipName: 'Warehouse__r' },
    { kind: 'externalId', name: 'External_Id__c', label: 'External Id', length: 40, unique: true, caseSensitive: true },
    { kind: 'picklist', name: 'Status__c', label: 'Status', values: ['Planned', 'In Transit', 'Delivered'], defaultValue: 'Planned' },
    { kind: 'datetime', name: 'Shipped_At__c', label: 'Shipped At' },
    { kind: 'double', name: 'Weight_Kg__c', label: 'Weight (kg)', precision: 10, scale: 2 },
  ],
};

const project: CustomObjectSpec = {
  name: 'Project__c',
  keyPrefix: 'a0C',
  enableActivities: true,
  fields: [
    { kind: 'lookup', name: 'Account__c', label: 'Account', referenceTo: 'Account', relationshipName: 'Account__r' },
    { kind: 'externalId', name: 'External_Id__c', label: 'External Id', length: 40 },
    { kind: 'picklist', name: 'Status__c', label: 'Status', values: ['Draft', 'Active', 'On Hold', 'Closed'], defaultValue: 'Draft' },
    { kind: 'currency', name: 'Budget__c', label: 'Budget', precision: 14, scale: 2 },
    { kind: 'date', name: 'Start_Date__c', label: 'Start Date' },
  ],
};

const projectTask: CustomObjectSpec = {
  name: 'Project_Task__c',
  keyPrefix: 'a0D',
  label: 'Project Task',
  fields: [
    { kind: 'masterDetail', name: 'Project__c', label: 'Project', referenceTo: 'Project__c', relationshipName: 'Project__r' },
    { kind: 'double', name: 'Estimate_Hours__c', label: 'Estimate (hours)', precision: 6, scale: 1 },
    { kind: 'boolean', name: 'Done__c', label: 'Done' },
    { kind: 'date', name: 'Due_Date__c', label: 'Due Date' },
  ],
};

const projectAssignment: CustomObjectSpec = {
  name: 'Project_Assignment__c',
  keyPrefix: 'a0E',
  label: 'Project Assignment',
  nameField: { kind: 'autoNumber', label: 'Assignment Number', displayFormat: 'PA-{0000}' },
  fields: [
    {
      kind: 'masterDetail',
      name: 'Project__c',
      label: 'Project',
      referenceTo: 'Project__c',
      relationshipName: 'Project__r',
      relationshipOrder: 0,
    },
    {
      kind: 'masterDetail',
      name: 'Contact__c',
      label: 'Contact',
      referenceTo: 'Contact',
      relationshipName: 'Contact__r',
      relationshipOrder: 1,
    },
    { kind: 'picklist', name: 'Role__c', label: 'Role', values: ['Lead', 'Contributor', 'Reviewer'] },
    { kind: 'percent', name: 'Allocation__c', label: 'Allocation', precision: 3, scale: 0 },
  ],
};

const team: CustomObjectSpec = {
  name: 'Team__c',
  keyPrefix: 'a0F',
  fields: [
    {
      kind: 'lookup',
      name: 'Captain__c',
      label: 'Captain',
      referenceTo: 'Team_Member__c',
      relationshipName: 'Captain__r',
      childRelationshipName: 'Captained_Teams__r',
    },
    { kind: 'externalId', name: 'External_Id__c', label: 'External Id', length: 40 },
  ],
};

const teamMember: CustomObjectSpec = {
  name: 'Team_Member__c',
  keyPrefix: 'a0G',
  label: 'Team Member',
  fields: [
    { kind: 'lookup', name: 'Team__c', label: 'Team', referenceTo: 'Team__c', relationshipName: 'Team__r' },
    { kind: 'lookup', name: 'Contact__c', label: 'Contact', referenceTo: 'Contact', relationshipName: 'Contact__r' },
    { kind: 'externalId', name: 'External_Id__c', label: 'External Id', length: 40 },
  ],
};

const warehouse: CustomObjectSpec = {
  name: 'Warehouse__c',
  keyPrefix: 'a0H',
  fields: [
    {
      kind: 'lookup',
      name: 'Default_Route__c',
      label: 'Default Route',
      referenceTo: 'Route__c',
      relationshipName: 'Default_Route__r',
      childRelationshipName: 'Default_For_Warehouses__r',
    },
    { kind: 'text', name: 'City__c', label: 'City', length: 40 },
    { kind: 'externalId', name: 'External_Id__c', label: 'External Id', length: 40 },
  ],
};

const route: CustomObjectSpec = {
  name: 'Route__c',
  keyPrefix: 'a0I',
  fields: [
    { kind: 'lookup', name: 'Carrier__c', label: 'Carrier', referenceTo: 'Carrier__c', relationshipName: 'Carrier__r' },
    { kind: 'double', name: 'Distance_Km__c', label: 'Distance (km)', precision: 8, scale: 1 },
  ],
};

const carrier: CustomObjectSpec = {
  name: 'Carrier__c',
  keyPrefix: 'a0J',
  fields: [
    {
      kind: 'lookup',
      name: 'Home_Warehouse__c',
      label: 'Home Warehouse',
      referenceTo: 'Warehouse__c',
      relationshipName: 'Home_Warehouse__r',
      childRelationshipName: 'Home_Carriers__r',
      required: true,
    },
    { kind: 'text', name: 'SCAC_Code__c', label: 'SCAC Code', length: 4 },
  ],
};

export const DEFAULT_CUSTOM_OBJECTS: readonly CustomObjectSpec[] = [
  supplier,
  shipment,
  project,
  projectTask,
  projectAssignment,
  team,
  teamMember,
  warehouse,
  route,
  carrier,
];
