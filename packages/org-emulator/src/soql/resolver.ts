/**
 * Checks names against the schema: the FROM object and field paths through reference fields'
 * relationship names (`Account.Owner.Email`), producing canonical API names and the hops to follow at run
 * time. Unknown names fail with Salesforce's INVALID_TYPE / INVALID_FIELD texts, located at the name.
 */
import type { FieldDescribe } from '../schema/model.js';
import type { FieldPath, SoqlQuery } from './ast.js';
import { messages, queryError } from './errors.js';
import type { SoqlDataSource } from './types.js';
import { SoqlError } from './types.js';

export type ObjectSchema = { name: string; fields: FieldDescribe[]; byName: Map<string, FieldDescribe> };

/** One step through a reference field: `AccountId` reached as `Account`. */
export type Hop = { referenceField: FieldDescribe; relationshipName: string };

/** A parent's child relationship: its canonical name, the child object, and the child's field holding the parent's Id. */
export type ChildRelationship = { name: string; child: ObjectSchema; field: FieldDescribe };

export type ResolvedPath = {
  hops: Hop[];
  field: FieldDescribe;
  /** Canonical dotted path, e.g. 'Account.Owner.Email'. */
  path: string;
  /** Where the path starts in the query text. */
  start: number;
};

export class SchemaResolver {
  private readonly objects = new Map<string, ObjectSchema | undefined>();

  public constructor(
    private readonly source: SoqlDataSource,
    private readonly text: string
  ) {}

  /** The object's schema, or undefined when the data source does not know it. */
  public lookupObject(name: string): ObjectSchema | undefined {
    const key = name.toLowerCase();
    if (!this.objects.has(key)) {
      const described = this.source.describeObject(name);
      this.objects.set(
        key,
        described && {
          name: described.name,
          fields: described.fields,
          byName: new Map(described.fields.map((f) => [f.name.toLowerCase(), f])),
        }
      );
    }
    return this.objects.get(key);
  }

  /** The FROM object; INVALID_TYPE when unknown. */
  public object(name: string, start: number): ObjectSchema {
    const schema = this.lookupObject(name);
    if (!schema) throw queryError('INVALID_TYPE', this.text, start, messages.unknownObject(name));
    return schema;
  }

  /**
   * Resolves a path from `root`. A leading segment naming the object itself or its alias
   * (`SELECT Account.Name FROM Account`) is a qualifier, unless a relationship has that name.
   */
  public path(root: ObjectSchema, path: FieldPath, alias?: string): ResolvedPath {
    let segments = path.segments;
    const first = segments[0].toLowerCase();
    const isQualifier = segments.length > 1 && (first === root.name.toLowerCase() || first === alias?.toLowerCase()) && !this.relationship(root, segments[0]);
    if (isQualifier) segments = segments.slice(1);
    const { hops, field } = this.walk(root, segments, path.start);
    const names = [...hops.map((h) => h.relationshipName), field.name];
    return { hops, field, path: names.join('.'), start: path.start };
  }

  /**
   * The child relationship a subquery's FROM names (`Contacts` from Account, or `Account.Contacts`), with
   * the child object and its field that points at the parent; INVALID_TYPE when the parent lists none.
   */
  public childRelationship(parent: ObjectSchema, from: SoqlQuery['from']): ChildRelationship {
    const qualified = from.qualifier === undefined || from.qualifier.toLowerCase() === parent.name.toLowerCase();
    const key = from.name.toLowerCase();
    const link = qualified ? this.source.childRelationships?.(parent.name).find((l) => l.relationshipName.toLowerCase() === key) : undefined;
    const child = link ? this.lookupObject(link.childObject) : undefined;
    const field = link && child ? child.byName.get(link.fieldName.toLowerCase()) : undefined;
    if (!link || !child || !field) {
      const written = from.qualifier === undefined ? from.name : `${from.qualifier}.${from.name}`;
      throw queryError('INVALID_TYPE', this.text, from.start, messages.unknownChildRelationship(written));
    }
    return { name: link.relationshipName, child, field };
  }

  private relationship(schema: ObjectSchema, name: string): FieldDescribe | undefined {
    const key = name.toLowerCase();
    return schema.fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === key);
  }

  private walk(schema: ObjectSchema, segments: string[], start: number): { hops: Hop[]; field: FieldDescribe } {
    if (segments.length === 1) {
      const field = schema.byName.get(segments[0].toLowerCase());
      if (!field) throw queryError('INVALID_FIELD', this.text, start, messages.unknownField(segments[0], schema.name));
      return { hops: [], field };
    }
    const reference = this.relationship(schema, segments[0]);
    if (!reference?.relationshipName) {
      throw queryError('INVALID_FIELD', this.text, start, messages.unknownRelationship(segments[0]));
    }
    const hop: Hop = { referenceField: reference, relationshipName: reference.relationshipName };
    // Polymorphic references (Task.What, Owner -> User|Group): the first target type that has the rest.
    let firstError: SoqlError | undefined;
    for (const target of reference.referenceTo) {
      const targetSchema = this.lookupObject(target);
      if (!targetSchema) continue;
      try {
        const rest = this.walk(targetSchema, segments.slice(1), start);
        return { hops: [hop, ...rest.hops], field: rest.field };
      } catch (error) {
        if (!(error instanceof SoqlError)) throw error;
        firstError ??= error;
      }
    }
    throw firstError ?? queryError('INVALID_FIELD', this.text, start, messages.unknownRelationship(segments[0]));
  }
}
