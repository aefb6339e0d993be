/**
 * An in-memory `SeedTarget` for the dataset tests that checks every write against the default schema the
 * way an org would: the object and fields exist and are writable, required fields are given, references
 * point to an existing record of an allowed type, picklist values exist (and fit the record type). A
 * dataset bug throws at the faulty insert instead of surfacing later in the emulator.
 */
import { defaultSchema } from '../../src/schema/defaultSchema.js';
import type { FieldDescribe, ObjectDef } from '../../src/schema/model.js';
import type { SeedTarget } from '../../src/datasets/types.js';

export type StoredRow = { objectName: string; fields: Record<string, unknown>; insertedFields: Record<string, unknown> };

export class SchemaCheckingSeedTarget implements SeedTarget {
  public readonly runningUserId = '005000000000001AAA';
  /** The org's own price book and profiles, there before any dataset runs. */
  public readonly standardPricebook = '01s000000000001AAA';
  public readonly profiles = new Map([
    ['System Administrator', '00e000000000001AAA'],
    ['Standard User', '00e000000000002AAA'],
  ]);
  public readonly rows = new Map<string, StoredRow>();
  /** Every call in order, for determinism checks. */
  public readonly log: string[] = [];
  private readonly objects: Map<string, ObjectDef>;
  private readonly counters = new Map<string, number>();
  private readonly recordTypeIds = new Map<string, string>();

  public constructor() {
    this.objects = new Map(defaultSchema().objects.map((def) => [def.header.name, def]));
    this.rows.set(this.runningUserId, { objectName: 'User', fields: { Username: 'admin@org.example.com' }, insertedFields: {} });
    this.counters.set('005', 1); // the running user holds the first User id
    this.rows.set(this.standardPricebook, { objectName: 'Pricebook2', fields: { Name: 'Standard Price Book', IsStandard: true }, insertedFields: {} });
    this.counters.set('01s', 1);
    for (const [name, id] of this.profiles) this.rows.set(id, { objectName: 'Profile', fields: { Name: name }, insertedFields: {} });
    this.counters.set('00e', this.profiles.size);
    for (const def of this.objects.values()) {
      for (const recordType of def.recordTypes) {
        const id = this.newId('012');
        this.recordTypeIds.set(`${def.header.name}.${recordType.developerName}`, id);
        this.rows.set(id, { objectName: 'RecordType', fields: { SobjectType: def.header.name, DeveloperName: recordType.developerName }, insertedFields: {} });
      }
    }
  }

  public recordTypeId(objectName: string, developerName: string): string {
    const id = this.recordTypeIds.get(`${objectName}.${developerName}`);
    if (!id) throw new Error(`No record type ${developerName} on ${objectName}`);
    return id;
  }

  public standardPricebookId(): string {
    return this.standardPricebook;
  }

  public profileId(name: string): string {
    const id = this.profiles.get(name);
    if (!id) throw new Error(`No profile named ${name}`);
    return id;
  }

  public insert(objectName: string, fields: Record<string, unknown>): string {
    const def = this.objectDef(objectName);
    if (objectName === 'PricebookEntry') this.checkStandardPrice(fields);
    for (const field of def.fields) {
      const required = !field.nillable && field.createable && !field.defaultedOnCreate;
      if (required && (fields[field.name] === undefined || fields[field.name] === null)) {
        throw new Error(`${objectName}: required field ${field.name} missing`);
      }
    }
    this.checkFields(def, fields, 'createable');
    const id = this.newId(def.header.keyPrefix);
    this.rows.set(id, { objectName, fields: { ...fields }, insertedFields: { ...fields } });
    this.log.push(`insert ${objectName} ${id} ${JSON.stringify(fields)}`);
    return id;
  }

  public update(objectName: string, id: string, fields: Record<string, unknown>): void {
    const row = this.rows.get(id);
    if (row?.objectName !== objectName) throw new Error(`update ${objectName}: no such record ${id}`);
    this.checkFields(this.objectDef(objectName), { ...row.fields, ...fields }, 'updateable', Object.keys(fields));
    Object.assign(row.fields, fields);
    this.log.push(`update ${objectName} ${id} ${JSON.stringify(fields)}`);
  }

  /** Inserted rows of an object (the org's own rows excluded: running user, profiles, standard price book, record types). */
  public rowsOf(objectName: string): StoredRow[] {
    const orgRows = new Set([this.runningUserId, this.standardPricebook, ...this.profiles.values()]);
    return [...this.rows.entries()]
      .filter(([id, row]) => row.objectName === objectName && !orgRows.has(id) && objectName !== 'RecordType')
      .map(([, row]) => row);
  }

  public get insertCount(): number {
    return this.log.filter((entry) => entry.startsWith('insert')).length;
  }

  /** As the org: a custom price needs the product's standard price first (STANDARD_PRICE_NOT_DEFINED). */
  private checkStandardPrice(fields: Record<string, unknown>): void {
    if (fields.Pricebook2Id === this.standardPricebook) return;
    const hasStandardPrice = [...this.rows.values()].some(
      (row) => row.objectName === 'PricebookEntry' && row.fields.Product2Id === fields.Product2Id && row.fields.Pricebook2Id === this.standardPricebook
    );
    if (!hasStandardPrice) throw new Error(`PricebookEntry: product ${String(fields.Product2Id)} has no standard price yet`);
  }

  private objectDef(objectName: string): ObjectDef {
    const def = this.objects.get(objectName);
    if (!def?.header.createable) throw new Error(`${objectName} is not a createable object of the schema`);
    return def;
  }

  private newId(prefix: string): string {
    const next = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, next);
    return `${prefix}${String(next).padStart(12, '0')}AAA`;
  }

  private checkFields(def: ObjectDef, fields: Record<string, unknown>, access: 'createable' | 'updateable', written = Object.keys(fields)): void {
    const objectName = def.header.name;
    for (const name of written) {
      const field = def.fields.find((candidate) => candidate.name === name);
      if (!field) throw new Error(`${objectName}: no field ${name}`);
      if (!field[access]) throw new Error(`${objectName}.${name} is not ${access}`);
    }
    for (const [name, value] of Object.entries(fields)) {
      const field = def.fields.find((candidate) => candidate.name === name)!;
      if (value === null || value === undefined) continue;
      if (field.type === 'reference') this.checkReference(objectName, field, value);
      if (field.type === 'picklist') this.checkPicklist(def, field, value, fields.RecordTypeId);
    }
  }

  private checkReference(objectName: string, field: FieldDescribe, value: unknown): void {
    const target = this.rows.get(value as string);
    if (!target) throw new Error(`${objectName}.${field.name}: ${String(value)} is not an inserted record`);
    if (!field.referenceTo.includes(target.objectName)) {
      throw new Error(`${objectName}.${field.name}: points to a ${target.objectName}, allowed ${field.referenceTo.join(', ')}`);
    }
  }

  private checkPicklist(def: ObjectDef, field: FieldDescribe, value: unknown, recordTypeId: unknown): void {
    if (!field.picklistValues.some((entry) => entry.value === value)) {
      throw new Error(`${def.header.name}.${field.name}: "${String(value)}" is not a picklist value`);
    }
    const recordType = recordTypeId ? this.rows.get(recordTypeId as string)?.fields.DeveloperName : undefined;
    const allowed = def.recordTypes.find((candidate) => candidate.developerName === recordType)?.picklistValues?.[field.name];
    if (allowed && !allowed.includes(value as string)) {
      throw new Error(`${def.header.name}.${field.name}: "${String(value)}" is not available to record type ${String(recordType)}`);
    }
  }
}
