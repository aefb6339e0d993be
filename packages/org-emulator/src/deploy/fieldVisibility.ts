/**
 * Field-level security of the fields Metadata API deploys create, for the org's one running user. On
 * Salesforce a custom field deployed without profile or permission-set access is invisible to every user,
 * admins included: absent from describe, INVALID_FIELD in SOQL, not writable. It shows once a permission set
 * the user holds grants it: `readable` (read-only: not createable nor updateable) or `editable`. A required
 * field has no field-level security (describe `permissionable: false`): it shows at once.
 *
 * The fields of the org's schema at boot (and of schema files) are not managed here and stay visible. The
 * grants are the permission sets' `fieldPermissions` as deployed; the user holds a set through a live
 * PermissionSetAssignment row. `refresh()` runs after every deploy and every committed DML call, so an
 * assignment inserted (or deleted) through any API takes effect on the next request.
 */
import type { RecordStore } from '../org/recordStore.js';
import type { SchemaChanges } from '../org/schemaChanges.js';
import type { FieldDescribe, ParentRelationshipDef } from '../schema/model.js';

export type FieldGrant = { readable: boolean; editable: boolean };
type Shown = 'none' | 'read' | 'edit';

type ManagedField = { objectName: string; field: FieldDescribe; relationship?: ParentRelationshipDef; shown: Shown | undefined };

/** `Account.Foo__c`, lower-cased: how permission sets name a field. */
export const fieldKey = (objectName: string, fieldName: string): string => `${objectName}.${fieldName}`.toLowerCase();

export class FieldVisibility {
  private readonly managed = new Map<string, ManagedField>();
  /** By PermissionSet Id (18 characters): its field permissions by field key. */
  private readonly grants = new Map<string, Map<string, FieldGrant>>();

  public constructor(
    private readonly changes: SchemaChanges,
    private readonly store: RecordStore,
    private readonly userId: string
  ) {}

  /** A field a deploy created, shown or not (undefined for the fields the org had at boot). */
  public managedField(objectName: string, fieldName: string): FieldDescribe | undefined {
    return this.managed.get(fieldKey(objectName, fieldName))?.field;
  }

  /** Records a deployed field's (new) definition; `refresh()` decides whether the user sees it. */
  public define(objectName: string, field: FieldDescribe, relationship?: ParentRelationshipDef): void {
    this.managed.set(fieldKey(objectName, field.name), { objectName, field, relationship, shown: undefined });
  }

  public setGrants(permissionSetId: string, grants: Map<string, FieldGrant>): void {
    this.grants.set(permissionSetId, grants);
  }

  public grantsOf(permissionSetId: string): Map<string, FieldGrant> | undefined {
    return this.grants.get(permissionSetId);
  }

  /** Shows or hides each deployed field as the running user's permission sets say. */
  public refresh(): void {
    if (this.managed.size === 0) return;
    const held = this.heldGrants();
    for (const [key, managed] of this.managed) {
      const grant = held.get(key);
      const shown: Shown = !managed.field.permissionable || grant?.editable ? 'edit' : grant?.readable ? 'read' : 'none';
      if (shown === managed.shown) continue;
      if (shown === 'none') this.changes.hideField(managed.objectName, managed.field.name);
      else {
        const field = shown === 'edit' ? managed.field : { ...managed.field, createable: false, updateable: false };
        this.changes.putField(managed.objectName, field, managed.relationship);
      }
      managed.shown = shown;
    }
  }

  /** The org back to its start state: no deployed field, no deployed permissions (the caller restores the schema). */
  public clear(): void {
    this.managed.clear();
    this.grants.clear();
  }

  /** The union of the field permissions of every set assigned to the running user. */
  private heldGrants(): Map<string, FieldGrant> {
    const held = new Map<string, FieldGrant>();
    for (const assignment of this.store.scan('PermissionSetAssignment', false)) {
      if (assignment.AssigneeId !== this.userId || typeof assignment.PermissionSetId !== 'string') continue;
      for (const [key, grant] of this.grants.get(assignment.PermissionSetId) ?? []) {
        const was = held.get(key);
        held.set(key, { readable: grant.readable || (was?.readable ?? false), editable: grant.editable || (was?.editable ?? false) });
      }
    }
    return held;
  }
}
