/**
 * Test support: FieldDescribe objects with describe defaults, and an in-memory SoqlDataSource with an
 * optional index, so the engine is tested without the emulator's own schema and storage.
 */
import type { FieldDescribe, FieldType } from '../../src/schema/model.js';
import { toId18 } from '../../src/soql/ids.js';
import type { ChildRelationshipLink, SoqlDataSource, StoredRecord } from '../../src/soql/types.js';

const SOAP_TYPES: Partial<Record<FieldType, string>> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

/** A describe field of `type` with the values a plain, filterable, sortable standard field has. */
export function field(name: string, type: FieldType, overrides: Partial<FieldDescribe> = {}): FieldDescribe {
  return {
    aggregatable: true,
    aiPredictionField: false,
    autoNumber: false,
    byteLength: 0,
    calculated: false,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable: true,
    custom: name.endsWith('__c'),
    defaultValue: null,
    defaultValueFormula: null,
    defaultedOnCreate: false,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: 0,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: false,
    extraTypeInfo: null,
    filterable: true,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: true,
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: type === 'id',
    inlineHelpText: null,
    label: name,
    length: 0,
    mask: null,
    maskType: null,
    name,
    nameField: false,
    namePointing: false,
    nillable: type !== 'id' && type !== 'boolean',
    permissionable: false,
    picklistValues: [],
    polymorphicForeignKey: false,
    precision: 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: [],
    relationshipName: null,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: false,
    scale: 0,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[type] ?? 'xsd:string',
    sortable: true,
    type,
    unique: false,
    updateable: type !== 'id',
    writeRequiresMasterRead: false,
    ...overrides,
  };
}

/** A lookup field, e.g. reference('AccountId', 'Account', ['Account']). */
export function reference(name: string, relationshipName: string, referenceTo: string[]): FieldDescribe {
  return field(name, 'reference', { relationshipName, referenceTo, polymorphicForeignKey: referenceTo.length > 1 });
}

/** Deterministic 18-character ids: `fakeId('001', 7)`. */
export function fakeId(keyPrefix: string, n: number): string {
  return toId18(keyPrefix + String(n).padStart(12, '0')) as string;
}

type ObjectEntry = { name: string; fields: FieldDescribe[]; records: StoredRecord[] };

export class FakeSource implements SoqlDataSource {
  /** Every findByField call, to assert that a query used the index. */
  public readonly indexCalls: Array<{ objectName: string; fieldName: string; values: unknown[] }> = [];
  public scans = 0;
  private readonly objects = new Map<string, ObjectEntry>();
  private readonly byId = new Map<string, { objectName: string; record: StoredRecord }>();
  private readonly children = new Map<string, ChildRelationshipLink[]>();

  /** @param indexedFields field names answered by findByField (none = the source has no index). */
  public constructor(private readonly indexedFields: string[] = []) {}

  public addObject(name: string, fields: FieldDescribe[]): this {
    this.objects.set(name.toLowerCase(), { name, fields, records: [] });
    return this;
  }

  /** Names a child relationship of `parent` for subqueries: `Contacts` = Contact records by `AccountId`. */
  public addChildRelationship(parent: string, relationshipName: string, childObject: string, fieldName: string): this {
    const links = this.children.get(parent.toLowerCase()) ?? [];
    links.push({ relationshipName, childObject, fieldName });
    this.children.set(parent.toLowerCase(), links);
    return this;
  }

  public childRelationships(objectName: string): ChildRelationshipLink[] {
    return this.children.get(objectName.toLowerCase()) ?? [];
  }

  public insert(objectName: string, values: Record<string, unknown> & { Id: string }): StoredRecord {
    const entry = this.entry(objectName);
    const record: StoredRecord = { IsDeleted: false, ...values };
    entry.records.push(record);
    this.byId.set(record.Id, { objectName: entry.name, record });
    return record;
  }

  public describeObject(objectName: string): { name: string; fields: FieldDescribe[] } | undefined {
    const entry = this.objects.get(objectName.toLowerCase());
    return entry && { name: entry.name, fields: entry.fields };
  }

  public scan(objectName: string, options: { includeDeleted: boolean }): Iterable<StoredRecord> {
    this.scans += 1;
    const records = this.entry(objectName).records;
    return options.includeDeleted ? records : records.filter((r) => r.IsDeleted !== true);
  }

  public getById(id: string): { objectName: string; record: StoredRecord } | undefined {
    return this.byId.get(id);
  }

  public findByField(objectName: string, fieldName: string, values: unknown[]): Iterable<StoredRecord> | undefined {
    if (!this.indexedFields.includes(fieldName)) return undefined;
    this.indexCalls.push({ objectName, fieldName, values });
    const wanted = new Set(values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)));
    return this.entry(objectName).records.filter((r) => {
      const value = r[fieldName];
      return wanted.has(typeof value === 'string' ? value.toLowerCase() : value);
    });
  }

  private entry(objectName: string): ObjectEntry {
    const entry = this.objects.get(objectName.toLowerCase());
    if (!entry) throw new Error(`test source has no object ${objectName}`);
    return entry;
  }
}
