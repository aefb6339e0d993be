import type { SourceFile } from '../api/metadataZip.js';
import { escapeXml } from '../api/soapXml.js';
import type { DescribeSObject } from '../schema/describeTypes.js';
import { findField } from '../schema/fieldRules.js';
import { customFieldXml } from './fieldMetadata.js';
import type { SchemaDifference, SchemaFix } from './schemaDifference.js';

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

/** A custom field's definition as the target has it (readMetadata's XML inside `<records>`), for adding picklist values. */
export type ReadField = (targetObject: string, field: string) => Promise<string | undefined>;

/** What one fix deploys: its files, and what the permission set must grant for the running user to use it. */
export type PlannedFix = { fix: SchemaFix; files: SourceFile[]; grantsField?: string; grantsRecordType?: string };

/** A difference `compare --fix` meant to fix but cannot (the field's definition is not what it expected). */
export type UnplannedFix = { fix: SchemaFix; reason: string };

export type FixPlan = { planned: PlannedFix[]; unplanned: UnplannedFix[] };

/**
 * The source-format files that close the differences that have an `autoFix`: custom fields created as the
 * source describes them, values added to a custom picklist field's definition as the target has it (read
 * first: a deploy deactivates the values it does not list), record types created active.
 */
export async function planFixes(differences: readonly SchemaDifference[], sourceDescribe: (object: string) => DescribeSObject, readField: ReadField): Promise<FixPlan> {
  const planned: PlannedFix[] = [];
  const unplanned: UnplannedFix[] = [];
  for (const { autoFix: fix } of differences) {
    if (!fix) continue;
    if (fix.type === 'CustomField') {
      const field = findField(sourceDescribe(fix.object), fix.field)!;
      planned.push({
        fix,
        files: [{ path: `objects/${fix.targetObject}/fields/${field.name}.field-meta.xml`, text: customFieldXml(field) }],
        grantsField: `${fix.targetObject}.${field.name}`,
      });
    } else if (fix.type === 'RecordType') {
      planned.push({
        fix,
        files: [{ path: `objects/${fix.targetObject}/recordTypes/${fix.developerName}.recordType-meta.xml`, text: recordTypeXml(fix.developerName, fix.label) }],
        grantsRecordType: `${fix.targetObject}.${fix.developerName}`,
      });
    } else {
      const current = await readField(fix.targetObject, fix.field);
      const text = current === undefined ? undefined : withPicklistValues(current, fix.field, fix.values);
      if (text === undefined) unplanned.push({ fix, reason: `the target's definition of ${fix.targetObject}.${fix.field} has no value list of its own (a global value set?)` });
      else planned.push({ fix, files: [{ path: `objects/${fix.targetObject}/fields/${fix.field}.field-meta.xml`, text }] });
    }
  }
  return { planned, unplanned };
}

function recordTypeXml(developerName: string, label: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<RecordType xmlns="${METADATA_NS}">\n    <fullName>${escapeXml(developerName)}</fullName>\n` +
    `    <active>true</active>\n    <label>${escapeXml(label)}</label>\n</RecordType>\n`
  );
}

/**
 * The target's field definition with values added at the end of its value list, everything else as the org
 * answered it. Undefined when the definition has no `valueSetDefinition` (a global value set's field).
 */
export function withPicklistValues(definition: string, field: string, values: readonly string[]): string | undefined {
  const end = definition.lastIndexOf('</valueSetDefinition>');
  if (end < 0) return undefined;
  const added = values.map((value) => `<value><fullName>${escapeXml(value)}</fullName><default>false</default><label>${escapeXml(value)}</label></value>`).join('');
  // A field file names the field alone; readMetadata answers `Object.Field`.
  const body = (definition.slice(0, end) + added + definition.slice(end)).replace(/<fullName>[^<]*<\/fullName>/, `<fullName>${escapeXml(field)}</fullName>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="${METADATA_NS}">${body}</CustomField>\n`;
}

/** The permission set that lets the running user see and write what the fixes created. */
export function permissionSetFile(name: string, label: string, planned: readonly PlannedFix[]): SourceFile | undefined {
  const fields = planned.flatMap((fix) => (fix.grantsField ? [fix.grantsField] : []));
  const recordTypes = planned.flatMap((fix) => (fix.grantsRecordType ? [fix.grantsRecordType] : []));
  if (fields.length + recordTypes.length === 0) return undefined;
  const fieldPermissions = fields
    .map((field) => `    <fieldPermissions>\n        <editable>true</editable>\n        <field>${escapeXml(field)}</field>\n        <readable>true</readable>\n    </fieldPermissions>\n`)
    .join('');
  const visibilities = recordTypes
    .map((recordType) => `    <recordTypeVisibilities>\n        <recordType>${escapeXml(recordType)}</recordType>\n        <visible>true</visible>\n    </recordTypeVisibilities>\n`)
    .join('');
  return {
    path: `permissionsets/${name}.permissionset-meta.xml`,
    text: `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="${METADATA_NS}">\n${fieldPermissions}    <label>${escapeXml(label)}</label>\n${visibilities}</PermissionSet>\n`,
  };
}
