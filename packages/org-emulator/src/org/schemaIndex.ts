/**
 * Case-insensitive lookups over a SchemaDef: Salesforce accepts object and field names in any case, and
 * ids name their object through the key prefix. Built once per org; everything else reads through it.
 * Metadata deploys change an object's fields at run time (`refreshObject`): the object then gets a new
 * ObjectInfo, so whatever was worked out per ObjectInfo (the record writer's field plans) is worked out anew.
 */
import { podCode } from './ids.js';
import type { ChildRelationship, FieldDescribe, ObjectDef, ParentRelationshipDef, SchemaDef } from '../schema/model.js';

export type ObjectInfo = {
  def: ObjectDef;
  name: string;
  fieldsByLowerName: Map<string, FieldDescribe>;
  /** Reference fields by lower-cased relationship name (`Account` for AccountId), for nested payloads. */
  referencesByRelationship: Map<string, FieldDescribe>;
  nameField: FieldDescribe | undefined;
  /** The describe's key prefix, or a synthetic one (`z..`) for objects without (EntityDefinition), so every stored row has an id naming its object. */
  keyPrefix: string;
};

/** A reference field its object's `parentRelationships` leaves out (the model's contract): no name, no effect. */
const PLAIN_LOOKUP: ParentRelationshipDef = { relationshipName: null, cascadeDelete: false, restrictedDelete: false };

/**
 * A reference field of `childObject` seen from one of its parents, with what deleting the parent does to
 * the children (`relationship`, from the schema's `parentRelationships`).
 */
export type ChildLink = { childObject: string; field: FieldDescribe; relationship: ParentRelationshipDef };

export class SchemaIndex {
  private readonly objects = new Map<string, ObjectInfo>();
  private readonly byPrefix = new Map<string, ObjectInfo>();
  private readonly children = new Map<string, ChildLink[]>();

  public constructor(public readonly schema: SchemaDef) {
    let synthetic = 0;
    for (const def of schema.objects) this.put(def, def.header.keyPrefix ?? `z${podCode(synthetic++)}`);
    this.linkChildren();
  }

  private put(def: ObjectDef, keyPrefix: string): void {
    const info: ObjectInfo = {
      keyPrefix,
      def,
      name: def.header.name,
      fieldsByLowerName: new Map(def.fields.map((f) => [f.name.toLowerCase(), f])),
      referencesByRelationship: new Map(
        def.fields.filter((f) => f.type === 'reference' && f.relationshipName).map((f) => [f.relationshipName!.toLowerCase(), f])
      ),
      nameField: def.fields.find((f) => f.nameField),
    };
    this.objects.set(def.header.name.toLowerCase(), info);
    this.byPrefix.set(keyPrefix, info);
  }

  private linkChildren(): void {
    this.children.clear();
    for (const def of this.schema.objects) {
      for (const field of def.fields) {
        if (field.type !== 'reference') continue;
        const relationship = def.parentRelationships
          ? (def.parentRelationships[field.name] ?? PLAIN_LOOKUP)
          : this.fieldLevelRelationship(def.header.name, field);
        for (const target of field.referenceTo) {
          const key = target.toLowerCase();
          const links = this.children.get(key) ?? [];
          links.push({ childObject: def.header.name, field, relationship });
          this.children.set(key, links);
        }
      }
    }
  }

  /** Re-reads an object whose ObjectDef changed in place (fields, record types, parent relationships). */
  public refreshObject(objectName: string): ObjectInfo {
    const info = this.object(objectName);
    if (!info) throw new Error(`no such object ${objectName}`);
    this.put(info.def, info.keyPrefix);
    this.linkChildren();
    return this.object(objectName)!;
  }

  public object(name: string): ObjectInfo | undefined {
    return this.objects.get(name.toLowerCase());
  }

  public objectByPrefix(prefix: string): ObjectInfo | undefined {
    return this.byPrefix.get(prefix);
  }

  public allObjects(): ObjectInfo[] {
    return [...this.objects.values()];
  }

  public field(objectName: string, fieldName: string): FieldDescribe | undefined {
    return this.object(objectName)?.fieldsByLowerName.get(fieldName.toLowerCase());
  }

  /** Reference fields of other objects (and this one) that point at `objectName`. */
  public childLinks(objectName: string): ChildLink[] {
    return this.children.get(objectName.toLowerCase()) ?? [];
  }

  /** describe `childRelationships`: every reference field pointing here, as the parent lists it. */
  public childRelationships(objectName: string): ChildRelationship[] {
    return this.childLinks(objectName).map(({ childObject, field, relationship }) => ({
      cascadeDelete: relationship.cascadeDelete,
      childSObject: childObject,
      deprecatedAndHidden: false,
      field: field.name,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: relationship.relationshipName,
      restrictedDelete: relationship.restrictedDelete,
    }));
  }

  /**
   * For an object without `parentRelationships` (hand-made or recorded field lists): master-detail fields
   * cascade, others keep the field's flags, and the relationship gets Salesforce's default name (the plural
   * of a standard child, `Contacts`; `X__r` for custom ones; none for standard polymorphic fields).
   */
  private fieldLevelRelationship(childObject: string, field: FieldDescribe): ParentRelationshipDef {
    const labelPlural = this.object(childObject)?.def.header.labelPlural ?? `${childObject}s`;
    let relationshipName: string | null;
    if (field.polymorphicForeignKey && !field.custom) relationshipName = null;
    else if (field.custom) relationshipName = `${labelPlural.replace(/[^A-Za-z0-9]/g, '_')}__r`;
    else relationshipName = labelPlural.replace(/[^A-Za-z0-9]/g, '');
    return {
      relationshipName,
      cascadeDelete: field.cascadeDelete || field.relationshipOrder !== null,
      restrictedDelete: field.restrictedDelete && field.relationshipOrder === null,
    };
  }
}
