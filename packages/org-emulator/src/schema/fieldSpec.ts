/**
 * The compact way to declare a field: what the builders in fieldBuilders.ts expand into a complete
 * `FieldDescribe`, and what a `--schema` file's `addFields` / `addObjects` entries contain.
 *
 * Only what a Salesforce admin chooses when creating the field is here; every other describe key follows
 * from the type, exactly as Salesforce derives it.
 */

type Common = {
  /** API name, e.g. `External_Id__c` or (standard fields) `AccountNumber`. */
  name: string;
  /** Default: the name without `__c`, underscores as spaces. */
  label?: string;
  /** Non-nillable ("Required" in Setup). */
  required?: boolean;
  inlineHelpText?: string;
};

export type TextSpec = Common & {
  kind: 'text';
  /** Characters (1-255, default 255). */
  length?: number;
  unique?: boolean;
  /** With `unique`: "treat ABC and abc as different values". */
  caseSensitive?: boolean;
  externalId?: boolean;
  defaultValueFormula?: string;
};

/** An external id text field: indexed, usable as upsert key (idLookup). */
export type ExternalIdSpec = Common & {
  kind: 'externalId';
  length?: number;
  unique?: boolean;
  caseSensitive?: boolean;
};

export type TextAreaSpec = Common & {
  kind: 'textarea';
  /** 255 = "Text Area"; above = "Text Area (Long)" (not filterable/sortable/groupable), up to 131072. */
  length?: number;
  /** Rich text area (htmlFormatted). */
  rich?: boolean;
};

export type SimpleTextLikeSpec = Common & { kind: 'email' | 'phone' | 'url' };

export type BooleanSpec = Omit<Common, 'required'> & { kind: 'boolean'; defaultValue?: boolean };

export type IntSpec = Common & { kind: 'int'; digits?: number };

export type NumberSpec = Common & {
  kind: 'double' | 'currency' | 'percent';
  /** Total digits (default 18). */
  precision?: number;
  /** Digits right of the decimal point (default 0; currency default 2). */
  scale?: number;
  externalId?: boolean;
  unique?: boolean;
};

export type DateSpec = Common & { kind: 'date' | 'datetime' };

export type PicklistSpec = Common & {
  kind: 'picklist';
  values: string[];
  /** "Restrict picklist to the values defined in the value set". */
  restricted?: boolean;
  /** The value selected by default (must be one of `values`). */
  defaultValue?: string;
};

export type MultiPicklistSpec = Common & {
  kind: 'multipicklist';
  values: string[];
  restricted?: boolean;
  /** Visible lines in the UI; describe reports it as `precision` (default 4). */
  visibleLines?: number;
};

export type LookupSpec = Common & {
  kind: 'lookup';
  /** One object, or several for a polymorphic lookup (WhoId/WhatId style). */
  referenceTo: string | string[];
  /** e.g. `Parent_Supplier__r` (custom) or `Parent` (standard). */
  relationshipName: string;
  /** Name of the list on the parent, e.g. `Child_Suppliers__r`; default: derived from the child's plural label. */
  childRelationshipName?: string;
};

export type MasterDetailSpec = Omit<Common, 'required'> & {
  kind: 'masterDetail';
  referenceTo: string;
  relationshipName: string;
  childRelationshipName?: string;
  /** 0 = primary master, 1 = second master of a junction object. */
  relationshipOrder?: 0 | 1;
  /** "Allow reparenting": the field is then updateable. */
  reparentable?: boolean;
  /**
   * Sharing setting: "Read Only" (true: read access to the master is enough to write the detail) or
   * "Read/Write" (false, Setup's default, as in the recorded TicketAllocation__c.Contact__c).
   */
  writeRequiresMasterRead?: boolean;
};

export type FieldSpec =
  | TextSpec
  | ExternalIdSpec
  | TextAreaSpec
  | SimpleTextLikeSpec
  | BooleanSpec
  | IntSpec
  | NumberSpec
  | DateSpec
  | PicklistSpec
  | MultiPicklistSpec
  | LookupSpec
  | MasterDetailSpec;

export type FieldKind = FieldSpec['kind'];

export const FIELD_KINDS: readonly FieldKind[] = [
  'text',
  'externalId',
  'textarea',
  'email',
  'phone',
  'url',
  'boolean',
  'int',
  'double',
  'currency',
  'percent',
  'date',
  'datetime',
  'picklist',
  'multipicklist',
  'lookup',
  'masterDetail',
];
