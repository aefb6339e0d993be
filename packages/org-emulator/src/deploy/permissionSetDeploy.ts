/**
 * PermissionSet deploys: `permissionsets/<Name>.permissionset` (`<PermissionSet><label>`, `<description>`,
 * `<fieldPermissions>`, `<recordTypeVisibilities>`). The deploy creates or updates the PermissionSet row (Name =
 * the developer name, Label) and records its field permissions, which show deployed fields to the running
 * user once the set is assigned (fieldVisibility.ts). A redeploy sets the field permissions it lists and
 * keeps the others (UNCONFIRMED whether Salesforce resets unlisted ones: see the README).
 *
 * Refusals in Salesforce's words (community: sfdx-hardis deploy tips, trailheadapps/ebikes-lwc #391, many
 * deploy logs): a field the org does not have (`In field: field - no CustomField named Account.Foo__c
 * found`), a record type it does not have (`In field: recordType - no RecordType named Account.X found`), and
 * a required field, which has no field-level security (`You cannot deploy to a required field: Account.Foo__c`).
 */
import { fieldKey, type FieldGrant } from './fieldVisibility.js';
import {
  booleanOf,
  childrenNamed,
  failed,
  fieldInView,
  memberFileName,
  type MetadataDeployContext,
  parseComponentFile,
  recordTypeInView,
  splitFullName,
  textOf,
} from './customObjectComponents.js';
import type { PackageMember } from './deployPackage.js';
import type { PlannedComponent } from './triggerDeploy.js';

type ReadPermissionSet = { label: string; description: string | null; grants: Map<string, FieldGrant> };

function readPermissionSet(text: string, ctx: MetadataDeployContext): ReadPermissionSet | string {
  const root = parseComponentFile(text, 'PermissionSet');
  if (typeof root === 'string') return root;
  const label = textOf(root, 'label');
  // UNCONFIRMED wording, by analogy with CustomObject's.
  if (!label) return 'Must specify a non-empty label for the PermissionSet';
  const grants = new Map<string, FieldGrant>();
  for (const permission of childrenNamed(root, 'fieldPermissions')) {
    const name = textOf(permission, 'field') ?? '';
    const { objectName, childName } = splitFullName(name, ctx.org);
    const field = fieldInView(ctx, objectName, childName);
    if (!field) return `In field: field - no CustomField named ${name} found`;
    if (!field.permissionable) return `You cannot deploy to a required field: ${name}`;
    const editable = booleanOf(permission, 'editable') ?? false;
    // Edit access includes read access.
    grants.set(fieldKey(objectName, field.name), { readable: (booleanOf(permission, 'readable') ?? false) || editable, editable });
  }
  for (const visibility of childrenNamed(root, 'recordTypeVisibilities')) {
    const name = textOf(visibility, 'recordType') ?? '';
    const { objectName, childName } = splitFullName(name, ctx.org);
    if (!recordTypeInView(ctx, objectName, childName)) return `In field: recordType - no RecordType named ${name} found`;
  }
  return { label, description: textOf(root, 'description') ?? null, grants };
}

export function planPermissionSet(member: PackageMember, ctx: MetadataDeployContext): PlannedComponent {
  if (member.body === undefined) {
    const problem = `An object '${member.fullName}' of type PermissionSet was named in package.xml, but was not found in zipped directory`;
    return failed(member, ctx, problem, `${member.root}package.xml`);
  }
  const { org } = ctx;
  if (!org.schema.object('PermissionSet')) return failed(member, ctx, 'The emulator deploys permission sets only to a schema that has PermissionSet');
  const read = readPermissionSet(member.body, ctx);
  if (typeof read === 'string') return failed(member, ctx, read);
  const row = org.store.findByIndex('PermissionSet', 'Name', member.fullName)?.[0];
  const known = row ? org.fieldVisibility.grantsOf(row.Id) : undefined;
  const changed = !row || row.Label !== read.label || [...read.grants].some(([key, grant]) => JSON.stringify(known?.get(key)) !== JSON.stringify(grant));
  const apply = (): void => {
    const values = { Name: member.fullName, Label: read.label, Description: read.description };
    const [result] = row
      ? org.engine.update('PermissionSet', [{ Id: row.Id, Label: read.label, Description: read.description }], { allOrNone: true })
      : org.engine.insert('PermissionSet', [values], { allOrNone: true });
    if (!result.success || !result.id) throw new Error(`PermissionSet write refused: ${JSON.stringify(result.errors)}`);
    org.fieldVisibility.setGrants(result.id, new Map([...(org.fieldVisibility.grantsOf(result.id) ?? []), ...read.grants]));
  };
  return {
    message: {
      changed,
      componentType: 'PermissionSet',
      created: !row,
      createdDate: ctx.createdDate,
      deleted: false,
      fileName: memberFileName(member),
      fullName: member.fullName,
      id: row?.Id,
      success: true,
    },
    apply,
  };
}
