/**
 * The emulator's schema model: the contract between the schema (default objects, schema files), the describe
 * endpoints, the DML engine, SOQL and the datasets.
 *
 * Objects and fields are kept in Salesforce's own describe shape (`GET sobjects/{T}/describe`), with every
 * key a real describe has, so that the describe endpoint serves them as they are. Emulator-only facts (record
 * types' developer names, validation rules) live beside them in `ObjectDef`, never inside the describe.
 */

/** Salesforce field types as they appear in describe `type`. */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'boolean'
  | 'int'
  | 'long'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'time'
  | 'reference'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'email'
  | 'phone'
  | 'url'
  | 'encryptedstring'
  | 'base64'
  | 'address'
  | 'location'
  | 'anyType';

export type PicklistEntry = {
  active: boolean;
  defaultValue: boolean;
  label: string;
  validFor: string | null;
  value: string;
};

/** One entry of describe `fields`, every key of a real describe (v59+). */
export type FieldDescribe = {
  aggregatable: boolean;
  aiPredictionField: boolean;
  autoNumber: boolean;
  byteLength: number;
  calculated: boolean;
  calculatedFormula: string | null;
  cascadeDelete: boolean;
  caseSensitive: boolean;
  compoundFieldName: string | null;
  controllerName: string | null;
  createable: boolean;
  custom: boolean;
  defaultValue: unknown;
  defaultValueFormula: string | null;
  defaultedOnCreate: boolean;
  dependentPicklist: boolean;
  deprecatedAndHidden: boolean;
  digits: number;
  displayLocationInDecimal: boolean;
  encrypted: boolean;
  externalId: boolean;
  extraTypeInfo: string | null;
  filterable: boolean;
  filteredLookupInfo: unknown;
  formulaTreatNullNumberAsZero: boolean;
  groupable: boolean;
  highScaleNumber: boolean;
  htmlFormatted: boolean;
  idLookup: boolean;
  inlineHelpText: string | null;
  label: string;
  length: number;
  mask: string | null;
  maskType: string | null;
  name: string;
  nameField: boolean;
  namePointing: boolean;
  nillable: boolean;
  permissionable: boolean;
  picklistValues: PicklistEntry[];
  polymorphicForeignKey: boolean;
  precision: number;
  queryByDistance: boolean;
  referenceTargetField: string | null;
  referenceTo: string[];
  relationshipName: string | null;
  /** 0 or 1 for the master-detail fields of an object (1 = secondary master of a junction), else null. */
  relationshipOrder: number | null;
  restrictedDelete: boolean;
  restrictedPicklist: boolean;
  scale: number;
  searchPrefilterable: boolean;
  soapType: string;
  sortable: boolean;
  type: FieldType;
  unique: boolean;
  updateable: boolean;
  writeRequiresMasterRead: boolean;
};

export type ChildRelationship = {
  cascadeDelete: boolean;
  childSObject: string;
  deprecatedAndHidden: boolean;
  field: string;
  junctionIdListNames: string[];
  junctionReferenceTo: string[];
  relationshipName: string | null;
  restrictedDelete: boolean;
};

export type RecordTypeInfo = {
  active: boolean;
  available: boolean;
  defaultRecordTypeMapping: boolean;
  developerName: string;
  master: boolean;
  name: string;
  recordTypeId: string;
  urls: { layout: string };
};

/**
 * A whole describe, minus `fields`/`childRelationships`/`recordTypeInfos`/`urls`, which the describe
 * endpoint builds (child relationships are derived from the other objects' reference fields; urls carry
 * the API version of the request).
 */
export type ObjectDescribeHeader = {
  actionOverrides: unknown[];
  activateable: boolean;
  compactLayoutable: boolean;
  createable: boolean;
  custom: boolean;
  customSetting: boolean;
  deepCloneable: boolean;
  defaultImplementation: string | null;
  deletable: boolean;
  deprecatedAndHidden: boolean;
  extendedBy: string | null;
  extendsInterfaces: string | null;
  feedEnabled: boolean;
  hasSubtypes: boolean;
  implementedBy: string | null;
  implementsInterfaces: string | null;
  isInterface: boolean;
  isSubtype: boolean;
  keyPrefix: string;
  label: string;
  labelPlural: string;
  layoutable: boolean;
  listviewable: unknown;
  lookupLayoutable: unknown;
  mergeable: boolean;
  mruEnabled: boolean;
  name: string;
  namedLayoutInfos: unknown[];
  networkScopeFieldName: string | null;
  queryable: boolean;
  replicateable: boolean;
  retrieveable: boolean;
  searchLayoutable: boolean;
  searchable: boolean;
  supportedScopes: Array<{ label: string; name: string }>;
  triggerable: boolean;
  undeletable: boolean;
  updateable: boolean;
};

/** A record type of an object; the emulator stores RecordType rows from these. */
export type RecordTypeDef = {
  developerName: string;
  name: string;
  active: boolean;
  /** The default for new records without RecordTypeId. */
  defaultRecordTypeMapping: boolean;
  /** Picklist values allowed for this record type, by field; absent = all of the field's values. */
  picklistValues?: Record<string, string[]>;
};

/**
 * A validation rule: the record is rejected with FIELD_CUSTOM_VALIDATION_EXCEPTION when `errorCondition`
 * (a SOQL WHERE expression evaluated on the record as it would be saved) is true, like a Salesforce
 * validation rule formula.
 */
export type ValidationRuleDef = {
  name: string;
  errorCondition: string;
  errorMessage: string;
  /** Field the error is attached to (reported in the error's `fields`); absent = top of page. */
  errorDisplayField?: string;
  /** Evaluate on insert, update or both (default both). */
  on?: 'insert' | 'update' | 'both';
};

/**
 * How a parent object lists one reference field of this object in its describe `childRelationships`.
 * Salesforce keeps the child relationship's name and delete behaviour on the relationship, not on the field:
 * `Contact.AccountId` says `cascadeDelete: false` while Account's `Contacts` relationship cascades, and
 * `Case.AccountId` is a plain lookup while Account's `Cases` relationship restricts the delete.
 */
export type ParentRelationshipDef = {
  /** e.g. 'Contacts', 'ChildAccounts', 'Project_Tasks__r'; null when the parent lists none. */
  relationshipName: string | null;
  /** Deleting the parent deletes these children (master-detail, Account -> Contacts...). */
  cascadeDelete: boolean;
  /** Deleting a parent that still has such children fails (DELETE_FAILED), e.g. required lookups. */
  restrictedDelete: boolean;
};

export type ObjectDef = {
  header: ObjectDescribeHeader;
  fields: FieldDescribe[];
  recordTypes: RecordTypeDef[];
  validationRules: ValidationRuleDef[];
  /**
   * By reference field name of this object: how its parents see the relationship (describe
   * `childRelationships`, cascade and restricted deletes). A reference field missing here is a plain lookup:
   * no child relationship name, no cascade, no restriction (as the audit fields CreatedById/LastModifiedById).
   */
  parentRelationships?: Record<string, ParentRelationshipDef>;
  /**
   * Display formats of auto-number fields by field name, in Setup's syntax: `SHP-{00000}` (literal text
   * around a zero-padded counter). Fields with `autoNumber: true` missing here count as `{0}`.
   */
  autoNumberFormats?: Record<string, string>;
};

export type SchemaDef = {
  objects: ObjectDef[];
};
