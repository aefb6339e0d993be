/**
 * The parts of Salesforce describe results (`GET sobjects/{T}/describe`, `GET sobjects`) that sf isync reads.
 *
 * Our own minimal types rather than jsforce's: they document what the planner depends on, and tests can build
 * describes without filling the hundred keys a real describe has. Real describes are structurally compatible.
 */

export type DescribePicklistValue = {
  active: boolean;
  defaultValue: boolean;
  label: string | null;
  value: string;
};

export type DescribeField = {
  /** Number fields: digits in all, and after the point (describe `precision`, `scale`). */
  precision?: number;
  scale?: number;
  /** Integer fields: their digits (describe `digits`). */
  digits?: number;
  inlineHelpText?: string | null;
  name: string;
  label?: string;
  /** Describe `type`: 'string', 'reference', 'picklist', 'id', ... */
  type: string;
  /** Objects a reference field can point to; more than one for polymorphic lookups (WhatId, OwnerId). */
  referenceTo: string[];
  relationshipName: string | null;
  /** 0 or 1 for master-detail fields (1 = second master of a junction object); null for lookups. */
  relationshipOrder: number | null;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  calculated: boolean;
  autoNumber: boolean;
  defaultedOnCreate: boolean;
  externalId: boolean;
  idLookup: boolean;
  unique: boolean;
  nameField: boolean;
  filterable: boolean;
  cascadeDelete: boolean;
  polymorphicForeignKey: boolean;
  length: number;
  picklistValues: DescribePicklistValue[];
  /** Restricted picklists reject values that are not in their list (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST). */
  restrictedPicklist?: boolean;
};

/** One entry of `GET sobjects` (describeGlobal). */
export type DescribeGlobalSObject = {
  name: string;
  label?: string;
  createable: boolean;
  updateable: boolean;
  queryable: boolean;
  custom: boolean;
  /** The first three characters of the object's record ids (absent for objects without records). */
  keyPrefix?: string | null;
};

/** One child relationship of an object's describe: its delete behaviour is the relationship's, not the field's. */
export type DescribeChildRelationship = {
  childSObject: string;
  field: string;
  /** Deleting the parent deletes these children (and undeleting it brings them back). */
  cascadeDelete: boolean;
  relationshipName?: string | null;
};

/** `GET sobjects/{T}/describe`: the object's header and its fields. */
export type DescribeSObject = DescribeGlobalSObject & {
  fields: DescribeField[];
  childRelationships?: DescribeChildRelationship[];
};

export type DescribeGlobal = {
  sobjects: DescribeGlobalSObject[];
};
