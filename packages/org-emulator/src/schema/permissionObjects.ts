/**
 * PermissionSet and PermissionSetAssignment, built from Salesforce's object reference (no recorded describe
 * of them was found; their object-level flags come from the recorded describe-global, API v48). A Metadata API
 * deploy of a PermissionSet writes its row; clients assign it with a PermissionSetAssignment row (REST,
 * composite), which is what shows a deployed field to the running user (deploy/fieldVisibility.ts).
 *
 * Fields are those clients read (`SELECT Id, Name, Label FROM PermissionSet`, `SELECT PermissionSetId FROM
 * PermissionSetAssignment WHERE AssigneeId = ...`); the hundreds of `Permissions*` flags are left out.
 */
import type { ObjectDef } from './model.js';
import { buildStandardObject, CREATE_ONLY, READ_ONLY, standardField } from './standardObjectBuilder.js';
import { auditFields } from './systemFields.js';

export function permissionSet(): ObjectDef {
  return buildStandardObject('PermissionSet', {
    fields: [
      // The API name (the developer name a deploy gives, e.g. `Fix_Access`); unique in the org.
      standardField({ kind: 'text', name: 'Name', label: 'Name', length: 80, required: true, unique: true }, { nameField: true, idLookup: true }),
      standardField({ kind: 'text', name: 'Label', label: 'Label', length: 80, required: true }),
      standardField({ kind: 'text', name: 'Description', label: 'Description', length: 255 }),
      standardField({ kind: 'boolean', name: 'IsOwnedByProfile', label: 'Is Owned By Profile' }, READ_ONLY),
      standardField({ kind: 'boolean', name: 'IsCustom', label: 'Custom', defaultValue: true }, READ_ONLY),
      standardField({ kind: 'text', name: 'NamespacePrefix', label: 'Namespace Prefix', length: 15 }, READ_ONLY),
    ],
  });
}

export function permissionSetAssignment(): ObjectDef {
  return buildStandardObject('PermissionSetAssignment', {
    withAuditFields: false,
    fields: [
      standardField(
        { kind: 'lookup', name: 'AssigneeId', label: 'Assignee ID', referenceTo: 'User', relationshipName: 'Assignee', required: true },
        CREATE_ONLY
      ),
      standardField(
        {
          kind: 'lookup',
          name: 'PermissionSetId',
          label: 'Permission Set ID',
          referenceTo: 'PermissionSet',
          relationshipName: 'PermissionSet',
          required: true,
        },
        CREATE_ONLY
      ),
      standardField({ kind: 'boolean', name: 'IsActive', label: 'Is Active', defaultValue: true }, READ_ONLY),
      // The only audit field of the object (no CreatedDate/CreatedById on assignments).
      ...auditFields().filter((field) => field.name === 'SystemModstamp'),
    ],
    parentRelationships: {
      // `SELECT (SELECT PermissionSetId FROM PermissionSetAssignments) FROM User` (CumulusCI's permset task).
      AssigneeId: { relationshipName: 'PermissionSetAssignments', cascadeDelete: false, restrictedDelete: false },
      // Deleting a permission set takes its assignments (UNCONFIRMED: see the README).
      PermissionSetId: { relationshipName: 'Assignments', cascadeDelete: true, restrictedDelete: false },
    },
  });
}
