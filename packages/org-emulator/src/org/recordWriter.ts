/**
 * Turns one client record into the exact field changes to store, applying Salesforce's checks in its
 * order: unknown and read-only fields, value types, lookups, picklists, record type, required fields,
 * defaults, validation rules and unique fields. Throws RecordError with the first failure found.
 */
import type { SaveOptions } from '../automation/recordAutomation.js';
import type { FieldDescribe } from '../schema/model.js';
import type { StoredRecord } from '../soql/types.js';
import { dmlErrors, RecordError } from './dmlErrors.js';
import { coerceFieldValue, formatDatetime } from './fieldValues.js';
import type { OrgContext } from './orgContext.js';
import { checkNewPricebookEntry } from './priceBooks.js';
import { checkNewAssignment } from './permissionSetAssignments.js';
import { checkPicklist, picklistDefault } from './picklists.js';
import type { RegisteredRecordType } from './recordTypes.js';
import { checkReference, resolveRelationship } from './references.js';
import { indexKey } from './recordIndexes.js';
import type { ObjectInfo } from './schemaIndex.js';

export type WriteMode = 'insert' | 'update';

/** API writes run all of the org's automation. */
const API_SAVE: SaveOptions = { level: 'all' };

/** Fields the platform stamps itself; clients may not write them. */
const AUDIT_FIELDS = ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];

function isRequired(field: FieldDescribe): boolean {
  return !field.nillable && !field.defaultedOnCreate && field.type !== 'boolean' && field.createable;
}

function isPicklist(field: FieldDescribe): boolean {
  return field.type === 'picklist' || field.type === 'multipicklist';
}

/**
 * What writing records needs of an object's fields, worked out once per object rather than once per record:
 * every list keeps describe order, so checks run and fail in the same order as a walk over all the fields.
 */
type FieldPlan = {
  byName: Map<string, FieldDescribe>;
  /** Fields a new record stores, Id aside. */
  stored: FieldDescribe[];
  /** Fields that may get a value when an insert leaves them out (see applyDefaults). */
  defaultable: FieldDescribe[];
  required: FieldDescribe[];
  unique: FieldDescribe[];
  /** A custom object's text Name: saved as the record's Id when left empty. */
  customName: FieldDescribe | undefined;
  /** The parts of a read-only compound Name (Contact.FirstName...). */
  nameParts: FieldDescribe[];
};

function fieldPlan(info: ObjectInfo): FieldPlan {
  const fields = info.def.fields;
  const nameField = info.nameField;
  return {
    byName: new Map(fields.map((field) => [field.name, field])),
    stored: fields.filter((field) => field.name !== 'Id'),
    defaultable: fields.filter(
      (field) =>
        field.type !== 'id' &&
        (field.name === 'OwnerId' ||
          field.autoNumber ||
          field.type === 'boolean' ||
          (field.defaultedOnCreate && isPicklist(field) && picklistDefault(field)) ||
          (field.createable && field.defaultValue !== null && field.defaultValue !== undefined && typeof field.defaultValue !== 'object'))
    ),
    required: fields.filter((field) => isRequired(field) && !field.autoNumber && field.name !== 'OwnerId'),
    unique: fields.filter((field) => field.unique),
    customName: info.def.header.custom ? fields.find((field) => field.nameField && !field.autoNumber && field.type === 'string') : undefined,
    nameParts: nameField && !nameField.createable ? fields.filter((field) => field.compoundFieldName === nameField.name && field.name !== nameField.name) : [],
  };
}

export class RecordWriter {
  private readonly plans = new WeakMap<ObjectInfo, FieldPlan>();
  private readonly autoNumbers = new Map<string, number>();
  private lastStamp = { at: Number.NaN, text: '' };

  public constructor(private readonly ctx: OrgContext) {}

  private planOf(info: ObjectInfo): FieldPlan {
    let plan = this.plans.get(info);
    if (!plan) {
      plan = fieldPlan(info);
      this.plans.set(info, plan);
    }
    return plan;
  }

  public objectInfo(objectName: string): ObjectInfo {
    const info = this.ctx.schema.object(objectName);
    if (!info) throw new Error(`no such object ${objectName}`);
    return info;
  }

  /** Builds a complete new record (with Id and system fields), fields in describe order. */
  public buildInsert(objectName: string, raw: Record<string, unknown>, options: SaveOptions = API_SAVE): StoredRecord {
    const info = this.objectInfo(objectName);
    if (!info.def.header.createable) throw new RecordError([dmlErrors.entityNotWritable('inserted', info.def.header.label)]);
    const changes = this.readFields(info, raw, 'insert');
    this.applyRecordType(info, changes);
    const recordType = this.recordTypeOf(changes);
    this.applyDefaults(info, changes);
    this.checkValues(info, changes, recordType);
    this.checkRequired(info, changes, 'insert');
    this.applyCompoundName(info, changes);
    const stamp = this.stamp();
    const record: Record<string, unknown> = { Id: this.ctx.ids.next(info.keyPrefix) };
    const system: Record<string, unknown> = {
      CreatedDate: stamp,
      CreatedById: this.ctx.userId,
      LastModifiedDate: stamp,
      LastModifiedById: this.ctx.userId,
      SystemModstamp: stamp,
    };
    const plan = this.planOf(info);
    for (const field of plan.stored) {
      const value = field.name in system ? system[field.name] : field.name === 'IsDeleted' ? false : changes.get(field.name);
      if (value !== null && value !== undefined) record[field.name] = value;
    }
    record.IsDeleted = false;
    // A custom object's text Name left empty is the record's Id, as Salesforce saves it.
    const nameField = plan.customName;
    if (nameField && (record[nameField.name] === undefined || record[nameField.name] === '')) record[nameField.name] = record.Id;
    const stored = record as StoredRecord;
    const automation = this.ctx.automation;
    automation.beforeSave(info, stored, 'insert', options);
    automation.validate(info, stored, { mode: 'insert' }, options);
    automation.checkDuplicates(info, stored, 'insert', undefined, options);
    this.checkUnique(info, stored, undefined);
    // The platform's own rules for price book entries and permission set assignments (the object-specific insert rules modelled).
    if (info.name === 'PricebookEntry') checkNewPricebookEntry(this.ctx, stored);
    if (info.name === 'PermissionSetAssignment') checkNewAssignment(this.ctx, stored);
    automation.afterSave(info, stored, 'insert', options);
    return stored;
  }

  /** The changes to apply to `existing` (audit fields included). */
  public buildUpdate(objectName: string, existing: StoredRecord, raw: Record<string, unknown>, options: SaveOptions = API_SAVE): Record<string, unknown> {
    const info = this.objectInfo(objectName);
    if (!info.def.header.updateable) throw new RecordError([dmlErrors.entityNotWritable('updated', info.def.header.label)]);
    const changes = this.readFields(info, raw, 'update');
    const recordTypeId = (changes.get('RecordTypeId') ?? existing.RecordTypeId) as string | undefined;
    this.checkValues(info, changes, recordTypeId ? this.ctx.recordTypes.get(recordTypeId) : undefined);
    this.checkRequired(info, changes, 'update');
    const merged: StoredRecord = { ...existing };
    for (const [name, value] of changes) merged[name] = value;
    this.applyCompoundName(info, changes, merged);
    for (const [name, value] of changes) merged[name] = value;
    const automation = this.ctx.automation;
    const stamped = (effects: Record<string, unknown>): void => Object.entries(effects).forEach(([name, value]) => changes.set(name, value));
    stamped(automation.beforeSave(info, merged, 'update', options));
    automation.validate(info, merged, { mode: 'update', previous: existing }, options);
    automation.checkDuplicates(info, merged, 'update', existing.Id, options);
    this.checkUnique(info, merged, existing.Id);
    stamped(automation.afterSave(info, merged, 'update', options));
    const stamp = this.stamp();
    const result: Record<string, unknown> = Object.fromEntries(changes);
    for (const name of ['LastModifiedDate', 'SystemModstamp']) if (info.fieldsByLowerName.has(name.toLowerCase())) result[name] = stamp;
    if (info.fieldsByLowerName.has('lastmodifiedbyid')) result.LastModifiedById = this.ctx.userId;
    return result;
  }

  /**
   * The audit stamp of a write: the same string for every record written within one millisecond, so bulk
   * writes share it instead of holding a copy per record.
   */
  private stamp(): string {
    const now = this.ctx.now().getTime();
    if (now !== this.lastStamp.at) this.lastStamp = { at: now, text: formatDatetime(new Date(now)) };
    return this.lastStamp.text;
  }

  /** Field-level read of the payload: names, writability, types, lookups. */
  private readFields(info: ObjectInfo, raw: Record<string, unknown>, mode: WriteMode): Map<string, unknown> {
    const changes = new Map<string, unknown>();
    const { byName } = this.planOf(info);
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'attributes') continue;
      // Names are case-insensitive; clients mostly send them as described.
      const field = byName.get(key) ?? info.fieldsByLowerName.get(key.toLowerCase());
      if (!field) {
        const relationship = info.referencesByRelationship.get(key.toLowerCase());
        if (relationship && value !== null && typeof value === 'object' && !Array.isArray(value)) {
          this.checkWritable(relationship, mode);
          changes.set(relationship.name, resolveRelationship(this.ctx, relationship, value as Record<string, unknown>));
          continue;
        }
        throw new RecordError([dmlErrors.noSuchColumn(key, info.name)]);
      }
      if (field.type === 'id') {
        if (mode === 'insert' && value !== null && value !== undefined && value !== '') throw new RecordError([dmlErrors.idOnInsert()]);
        continue;
      }
      this.checkWritable(field, mode);
      changes.set(field.name, this.readValue(info, field, value));
    }
    return changes;
  }

  private checkWritable(field: FieldDescribe, mode: WriteMode): void {
    const writable = mode === 'insert' ? field.createable : field.updateable;
    if (!writable || AUDIT_FIELDS.includes(field.name)) throw new RecordError([dmlErrors.notWritable(field.name)]);
  }

  private readValue(info: ObjectInfo, field: FieldDescribe, value: unknown): unknown {
    if (value === null || value === undefined) return field.type === 'boolean' ? false : null;
    const coerced = coerceFieldValue(field, value);
    if (!coerced.ok) throw new RecordError([coerced.error]);
    if (field.type === 'reference' && typeof coerced.value === 'string') {
      return checkReference(this.ctx, info.name, field, coerced.value);
    }
    return coerced.value;
  }

  private recordTypeOf(changes: Map<string, unknown>): RegisteredRecordType | undefined {
    const id = changes.get('RecordTypeId');
    return typeof id === 'string' ? this.ctx.recordTypes.get(id) : undefined;
  }

  private applyRecordType(info: ObjectInfo, changes: Map<string, unknown>): void {
    if (!info.fieldsByLowerName.has('recordtypeid') || changes.get('RecordTypeId')) return;
    const fallback = this.ctx.recordTypes.defaultFor(info.name);
    if (fallback) changes.set('RecordTypeId', fallback.id);
  }

  private applyDefaults(info: ObjectInfo, changes: Map<string, unknown>): void {
    for (const field of this.planOf(info).defaultable) {
      if (changes.has(field.name)) continue;
      if (field.name === 'OwnerId') changes.set(field.name, this.ctx.userId);
      else if (field.autoNumber) changes.set(field.name, this.nextAutoNumber(info.name, field.name));
      // Checkboxes are never null in Salesforce, whether a client can set them or not (Pricebook2.IsStandard).
      else if (field.type === 'boolean') changes.set(field.name, field.defaultValue === true);
      else if (field.defaultedOnCreate && isPicklist(field) && picklistDefault(field)) changes.set(field.name, picklistDefault(field));
      else if (field.createable && field.defaultValue !== null && field.defaultValue !== undefined && typeof field.defaultValue !== 'object') {
        changes.set(field.name, field.defaultValue);
      }
    }
  }

  private nextAutoNumber(objectName: string, fieldName: string): string {
    const key = `${objectName}.${fieldName}`;
    const next = (this.autoNumbers.get(key) ?? 0) + 1;
    this.autoNumbers.set(key, next);
    return String(next).padStart(8, '0');
  }

  private checkValues(info: ObjectInfo, changes: Map<string, unknown>, recordType: RegisteredRecordType | undefined): void {
    const { byName } = this.planOf(info);
    for (const [name, value] of changes) {
      const field = byName.get(name)!;
      if (isPicklist(field) && typeof value === 'string') checkPicklist(field, value, recordType);
    }
  }

  private checkRequired(info: ObjectInfo, changes: Map<string, unknown>, mode: WriteMode): void {
    const missing = this.planOf(info)
      .required.filter((f) => {
        const value = changes.get(f.name);
        return mode === 'insert' ? value === null || value === undefined : changes.has(f.name) && value === null;
      })
      .map((f) => f.name);
    if (missing.length > 0) throw new RecordError([dmlErrors.requiredFieldsMissing(missing)]);
  }

  /** Person-name objects (Contact, Lead) derive a read-only Name from FirstName/LastName. */
  private applyCompoundName(info: ObjectInfo, changes: Map<string, unknown>, existing?: Record<string, unknown>): void {
    const nameField = info.nameField;
    if (!nameField || nameField.createable) return;
    const parts = this.planOf(info).nameParts;
    if (parts.length === 0 || !parts.some((p) => changes.has(p.name))) return;
    const valueOf = (name: string): unknown => (changes.has(name) ? changes.get(name) : existing?.[name]);
    const name = ['FirstName', 'MiddleName', 'LastName', 'Suffix']
      .map(valueOf)
      .filter((v) => typeof v === 'string' && v !== '')
      .join(' ');
    changes.set(nameField.name, name === '' ? null : name);
  }

  private checkUnique(info: ObjectInfo, record: StoredRecord, selfId: string | undefined): void {
    for (const field of this.planOf(info).unique) {
      if (indexKey(field, record[field.name]) === undefined) continue;
      const clash = this.ctx.store.findByIndex(info.name, field.name, record[field.name])?.find((r) => r.Id !== selfId);
      if (clash) throw new RecordError([dmlErrors.duplicateValue(field.name, clash.Id)]);
    }
  }
}
