/**
 * RecordType deploys: `<recordTypes>` of `objects/<Object>.object` (fullName, label, active, description,
 * businessProcess, picklistValues). A new one gets its RecordType row and joins the registry, so SOQL on
 * RecordType, describe's recordTypeInfos and inserts with its RecordTypeId see it; the object's first record
 * type brings RecordTypeId and becomes the default. An existing one gets its label, active flag, description
 * and the value lists of the picklists it names. New picklist values reach a record type only through its
 * picklistValues (Salesforce adds none automatically).
 *
 * businessProcess (which Salesforce requires for Opportunity, Case, Lead and Solution record types) is read
 * and not checked: the emulator models no business processes. Record type visibility (which profiles and
 * permission sets may use it) is not modelled either: the running user may use every record type.
 */
import type { RecordTypeDef } from '../schema/model.js';
import type { XmlElement } from '../soap/xmlTree.js';
import {
  booleanOf,
  childrenNamed,
  failed,
  fieldInView,
  memberFileName,
  type MetadataDeployContext,
  NO_OBJECT_LABEL,
  objectChildElement,
  splitFullName,
  textOf,
} from './customObjectComponents.js';
import type { PackageMember } from './deployPackage.js';
import type { PlannedComponent } from './triggerDeploy.js';

/** Record type picklist values are written URL-encoded in some files (`Customer%2C Direct`, UNCONFIRMED which characters). */
function decodedValue(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * `<picklistValues><picklist>Type</picklist><values><fullName>A</fullName></values>…` by field, checked
 * against the fields as this deploy sees them; a string is the problem, in Salesforce's words (community: the
 * deploy tips of hardisgroupcom/sfdx-hardis; "Picklist value: Web in picklist: AccountSource not found",
 * tiaanswart/lightning-fieldset #17).
 */
function readPicklistValues(element: XmlElement, objectName: string, ctx: MetadataDeployContext): Record<string, string[]> | string {
  const result: Record<string, string[]> = {};
  for (const entry of childrenNamed(element, 'picklistValues')) {
    const picklist = textOf(entry, 'picklist') ?? '';
    const field = fieldInView(ctx, objectName, picklist);
    if (!field || (field.type !== 'picklist' && field.type !== 'multipicklist')) {
      return `In field: picklist - no CustomField named ${objectName}.${picklist} found`;
    }
    const values = childrenNamed(entry, 'values').map((value) => decodedValue(textOf(value, 'fullName') ?? ''));
    const missing = values.find((value) => !field.picklistValues.some((known) => known.value === value));
    if (missing !== undefined) return `Picklist value: ${missing} in picklist: ${field.name} not found`;
    result[field.name] = values;
  }
  return result;
}

export function planRecordType(member: PackageMember, ctx: MetadataDeployContext): PlannedComponent {
  const element = objectChildElement(member, ctx, 'recordTypes');
  if ('message' in element) return element;
  const { org } = ctx;
  const { objectName, childName, known } = splitFullName(member.fullName, org);
  if (!known) return failed(member, ctx, NO_OBJECT_LABEL);
  const label = textOf(element, 'label');
  // UNCONFIRMED wording, by analogy with CustomObject's.
  if (!label) return failed(member, ctx, 'Must specify a non-empty label for the RecordType');
  const picklistValues = readPicklistValues(element, objectName, ctx);
  if (typeof picklistValues === 'string') return failed(member, ctx, picklistValues);
  const active = booleanOf(element, 'active') ?? false;
  const description = textOf(element, 'description') ?? null;
  const existing = org.recordTypes.byDeveloperName(objectName, childName);
  const message = {
    changed: true,
    componentType: 'RecordType',
    created: !existing,
    createdDate: ctx.createdDate,
    deleted: false,
    fileName: memberFileName(member),
    fullName: member.fullName,
    id: existing?.id,
    success: true,
  };
  if (existing) {
    const def = existing.def;
    message.changed =
      def.name !== label || def.active !== active || Object.entries(picklistValues).some(([f, v]) => def.picklistValues?.[f]?.join() !== v.join());
    const apply = (): void => {
      org.schemaChanges.editable(objectName); // notes the boot state before the change
      def.name = label;
      def.active = active;
      if (Object.keys(picklistValues).length > 0) def.picklistValues = { ...def.picklistValues, ...picklistValues };
      writeRow(ctx, 'update', { Id: existing.id, Name: label, IsActive: active, Description: description });
    };
    return { message, apply };
  }
  const def: RecordTypeDef = { developerName: childName, name: label, active, defaultRecordTypeMapping: false, picklistValues };
  ctx.recordTypes.set(member.fullName.toLowerCase(), def);
  const apply = (): void => {
    const id = writeRow(ctx, 'insert', { Name: label, DeveloperName: childName, SobjectType: objectName, IsActive: active, Description: description });
    org.schemaChanges.addRecordType(objectName, def, id);
  };
  return { message, apply };
}

/** The RecordType row, written through the DML engine (ids, audit fields); a refusal is the emulator's bug. */
function writeRow(ctx: MetadataDeployContext, mode: 'insert' | 'update', values: Record<string, unknown>): string {
  const [result] = ctx.org.engine[mode]('RecordType', [values], { allOrNone: true });
  if (!result.success || !result.id) throw new Error(`RecordType ${mode} refused: ${JSON.stringify(result.errors)}`);
  return result.id;
}
