/**
 * The org's schema changed at run time, by Metadata API deploys: a field put (created, redefined, shown to the
 * running user) or taken out of sight, a record type added. Each change re-reads the object (SchemaIndex,
 * the store's indexes), and the first change of an object keeps a copy of what it was at boot, so `restore()`
 * can put the org back to its start state (`POST /__emulator/reset?data=true`, as the deploy's other effects).
 */
import type { FieldDescribe, ObjectDef, ParentRelationshipDef, RecordTypeDef } from '../schema/model.js';
import { recordTypeIdField } from '../schema/systemFields.js';
import type { RecordStore } from './recordStore.js';
import type { RecordTypeRegistry } from './recordTypes.js';
import type { SchemaIndex } from './schemaIndex.js';

type BootCopy = {
  def: ObjectDef;
  fields: FieldDescribe[];
  parentRelationships: ObjectDef['parentRelationships'];
  /** Record types as they were; deploys change labels and picklist values in place (the registry holds them). */
  recordTypes: Array<{ live: RecordTypeDef; copy: RecordTypeDef }>;
};

export class SchemaChanges {
  private readonly boot = new Map<string, BootCopy>();
  private readonly addedRecordTypes: string[] = [];

  public constructor(
    private readonly schema: SchemaIndex,
    private readonly store: RecordStore,
    private readonly recordTypes: RecordTypeRegistry
  ) {}

  /** The object's definition, noting its boot state before the caller changes it. */
  public editable(objectName: string): ObjectDef {
    const info = this.schema.object(objectName);
    if (!info) throw new Error(`no such object ${objectName}`);
    const def = info.def;
    if (!this.boot.has(info.name)) {
      this.boot.set(info.name, {
        def,
        fields: [...def.fields],
        parentRelationships: def.parentRelationships && { ...def.parentRelationships },
        recordTypes: def.recordTypes.map((live) => ({ live, copy: structuredClone(live) })),
      });
    }
    return def;
  }

  /** Adds the field, or replaces the one of the same name where it stands. */
  public putField(objectName: string, field: FieldDescribe, relationship?: ParentRelationshipDef): void {
    const def = this.editable(objectName);
    const at = def.fields.findIndex((candidate) => candidate.name.toLowerCase() === field.name.toLowerCase());
    def.fields = at < 0 ? [...def.fields, field] : def.fields.map((candidate, index) => (index === at ? field : candidate));
    if (relationship && def.parentRelationships) def.parentRelationships = { ...def.parentRelationships, [field.name]: relationship };
    this.refresh(objectName);
  }

  /** Takes a field out of the describe, queries and writes; stored values stay on the records. */
  public hideField(objectName: string, fieldName: string): void {
    const def = this.editable(objectName);
    def.fields = def.fields.filter((field) => field.name.toLowerCase() !== fieldName.toLowerCase());
    this.refresh(objectName);
  }

  /**
   * A record type a deploy created (its RecordType row is `id`). The object's first record type brings
   * RecordTypeId (after Name, as Setup places it) and becomes the default, as a schema file's do.
   */
  public addRecordType(objectName: string, recordType: RecordTypeDef, id: string): void {
    const def = this.editable(objectName);
    if (def.recordTypes.length === 0) {
      recordType.defaultRecordTypeMapping = true;
      if (!def.fields.some((field) => field.name === 'RecordTypeId')) {
        const nameIndex = def.fields.findIndex((field) => field.nameField);
        const fields = [...def.fields];
        fields.splice(nameIndex + 1, 0, recordTypeIdField());
        def.fields = fields;
      }
    }
    def.recordTypes = [...def.recordTypes, recordType];
    this.recordTypes.add(def.header.name, recordType, id);
    this.addedRecordTypes.push(id);
    this.refresh(objectName);
  }

  /** Every object back as it was at boot; record types deploys added are forgotten. */
  public restore(): void {
    for (const id of this.addedRecordTypes) this.recordTypes.remove(id);
    this.addedRecordTypes.length = 0;
    for (const [name, copy] of this.boot) {
      copy.def.fields = copy.fields;
      copy.def.parentRelationships = copy.parentRelationships;
      for (const { live, copy: was } of copy.recordTypes) {
        for (const key of Object.keys(live) as Array<keyof RecordTypeDef>) delete live[key];
        Object.assign(live, structuredClone(was));
      }
      copy.def.recordTypes = copy.recordTypes.map(({ live }) => live);
      this.refresh(name);
    }
    this.boot.clear();
  }

  private refresh(objectName: string): void {
    this.store.refreshTable(this.schema.refreshObject(objectName));
  }
}
