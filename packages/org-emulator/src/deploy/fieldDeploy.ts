/**
 * CustomField deploys: the `<fields>` element of `objects/<Object>.object` read into the emulator's compact
 * field spec (fieldSpec.ts) and built by the same builders as the schema's fields, so a deployed field is
 * described, queried and written exactly like one the org started with.
 *
 * A new custom field is hidden from the running user until a permission set grants it (fieldVisibility.ts).
 * Redeploying an existing field may relabel it, grow a text length and change a picklist's values: values
 * the definition no longer lists are deactivated (Salesforce's rule, meta_customvalue), which the describe
 * shows by leaving them out. Refused: a change of type, a shorter text, another lookup target, standard
 * fields the org does not have, and types the emulator does not build (see the README for the texts' sources).
 */
import type { FieldSpec } from '../schema/fieldSpec.js';
import { buildField } from '../schema/fieldBuilders.js';
import { validateFieldSpec } from '../schema/fieldSpecValidation.js';
import type { FieldDescribe, ParentRelationshipDef } from '../schema/model.js';
import { parentRelationshipsOf } from '../schema/objectBuilder.js';
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
import { fieldKey } from './fieldVisibility.js';
import type { PlannedComponent } from './triggerDeploy.js';

type ReadField = { spec: FieldSpec; labels: Map<string, string>; deleteConstraint: string | undefined };

const TEXT_LIKE: Record<string, 'email' | 'phone' | 'url' | 'date' | 'datetime'> = {
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Date: 'date',
  DateTime: 'datetime',
};
const NUMBERS: Record<string, 'double' | 'currency' | 'percent'> = { Number: 'double', Currency: 'currency', Percent: 'percent' };

const numberOf = (element: XmlElement, name: string): number | undefined => {
  const text = textOf(element, name);
  return text === undefined || text === '' ? undefined : Number(text);
};

/** The picklist's values (API names), their labels and the default, from `<valueSet><valueSetDefinition>`. */
function valueSetOf(element: XmlElement): { values: string[]; labels: Map<string, string>; defaultValue?: string; restricted?: boolean } {
  const valueSet = childrenNamed(element, 'valueSet')[0];
  const definition = childrenNamed(valueSet, 'valueSetDefinition')[0];
  const labels = new Map<string, string>();
  let defaultValue: string | undefined;
  for (const value of childrenNamed(definition, 'value')) {
    const name = textOf(value, 'fullName') ?? '';
    labels.set(name, textOf(value, 'label') || name);
    if (booleanOf(value, 'default')) defaultValue = name;
  }
  return { values: [...labels.keys()], labels, defaultValue, restricted: booleanOf(valueSet, 'restricted') };
}

/** The spec a `<fields>` element declares; a string is the problem. */
function readField(element: XmlElement, name: string): ReadField | string {
  const type = textOf(element, 'type') ?? '';
  const label = textOf(element, 'label');
  if (!label) return 'Must specify a non-empty label for the CustomField';
  const common = { name, label, required: booleanOf(element, 'required'), inlineHelpText: textOf(element, 'inlineHelpText') || undefined };
  const unique = booleanOf(element, 'unique');
  const externalId = booleanOf(element, 'externalId');
  const none = { labels: new Map<string, string>(), deleteConstraint: undefined };
  if (type === 'Text') {
    const caseSensitive = booleanOf(element, 'caseSensitive');
    return { spec: { ...common, kind: 'text', length: numberOf(element, 'length'), unique, externalId, caseSensitive }, ...none };
  }
  if (type === 'TextArea') return { spec: { ...common, kind: 'textarea', length: 255 }, ...none };
  if (type === 'LongTextArea') return { spec: { ...common, kind: 'textarea', length: numberOf(element, 'length') ?? 32_768 }, ...none };
  if (TEXT_LIKE[type]) return { spec: { ...common, kind: TEXT_LIKE[type] }, ...none };
  if (NUMBERS[type]) {
    const numbers = { precision: numberOf(element, 'precision'), scale: numberOf(element, 'scale'), unique, externalId };
    return { spec: { ...common, kind: NUMBERS[type], ...numbers }, ...none };
  }
  if (type === 'Checkbox')
    return {
      spec: { name, label, inlineHelpText: common.inlineHelpText, kind: 'boolean', defaultValue: booleanOf(element, 'defaultValue') ?? false },
      ...none,
    };
  if (type === 'Picklist' || type === 'MultiselectPicklist') {
    const set = valueSetOf(element);
    if (set.values.length === 0) return `The emulator deploys picklists with their own values only (a valueSetDefinition); ${name} has none`;
    const spec: FieldSpec =
      type === 'Picklist'
        ? { ...common, kind: 'picklist', values: set.values, restricted: set.restricted, defaultValue: set.defaultValue }
        : { ...common, kind: 'multipicklist', values: set.values, restricted: set.restricted, visibleLines: numberOf(element, 'visibleLines') };
    return { spec, labels: set.labels, deleteConstraint: undefined };
  }
  if (type === 'Lookup') {
    // The metadata's relationshipName is the parent's child relationship (`Projects` -> `Projects__r`); the
    // field's own relationship is its name with __r.
    const child = textOf(element, 'relationshipName');
    const spec: FieldSpec = {
      ...common,
      kind: 'lookup',
      referenceTo: textOf(element, 'referenceTo') ?? '',
      relationshipName: name.replace(/__c$/i, '__r'),
      childRelationshipName: child ? `${child}__r` : undefined,
    };
    return { spec, labels: new Map(), deleteConstraint: textOf(element, 'deleteConstraint') };
  }
  if (type === '') return 'Required field is missing: type';
  return `The emulator does not deploy CustomField type ${type}: ${name} is not emulated`;
}

/** The describe and child relationship a read field gives on `objectName`. */
function described(read: ReadField, labelPlural: string): { field: FieldDescribe; relationship?: ParentRelationshipDef } {
  const field = buildField(read.spec);
  if (read.labels.size > 0) field.picklistValues = field.picklistValues.map((entry) => ({ ...entry, label: read.labels.get(entry.value) ?? entry.label }));
  const relationship = parentRelationshipsOf([read.spec], labelPlural)[read.spec.name];
  if (relationship && read.deleteConstraint === 'Restrict') relationship.restrictedDelete = true;
  if (relationship && read.deleteConstraint === 'Cascade') relationship.cascadeDelete = true;
  return { field, relationship };
}

/** Why an existing field cannot become `next`, or undefined when it can. */
function changeProblem(existing: FieldDescribe, next: FieldDescribe, hasData: boolean): string | undefined {
  if (existing.type !== next.type) {
    // Salesforce's texts (trailheadapps/ebikes-lwc #457; trailheadapps/coral-cloud #87). Which conversions it
    // allows on an empty field is UNCONFIRMED: the emulator refuses them all.
    if (next.type === 'reference') return 'Cannot update a field to a Lookup, MasterDetail, or Hierarchy from something else';
    if (hasData) return 'Cannot change type due to existing data';
    return `The emulator does not change a field's type: ${existing.name} is ${existing.type}, the deploy makes it ${next.type}`;
  }
  if (next.type === 'reference' && next.referenceTo.join() !== existing.referenceTo.join()) {
    return `The emulator does not change what a lookup references: ${existing.name} references ${existing.referenceTo.join(', ')}`;
  }
  if ((next.type === 'string' || next.type === 'textarea') && next.length < existing.length) {
    return `The emulator does not shorten a text field: ${existing.name} has length ${existing.length}, the deploy says ${next.length}`;
  }
  return undefined;
}

function hasData(ctx: MetadataDeployContext, objectName: string, fieldName: string): boolean {
  for (const record of ctx.org.store.scan(objectName, true)) if (record[fieldName] !== undefined && record[fieldName] !== null) return true;
  return false;
}

export function planField(member: PackageMember, ctx: MetadataDeployContext): PlannedComponent {
  const element = objectChildElement(member, ctx, 'fields');
  if ('message' in element) return element;
  const { org } = ctx;
  const { objectName, childName, known } = splitFullName(member.fullName, org);
  if (!known) return failed(member, ctx, NO_OBJECT_LABEL);
  const existing = fieldInView(ctx, objectName, childName);
  if (!/__c$/i.test(childName)) {
    // A standard field's name: Salesforce resolves it or says so (community: tiaanswart/lightning-fieldset #17).
    if (!existing) return failed(member, ctx, "Could not resolve standard field's name.");
    return failed(member, ctx, `The emulator deploys custom fields only: standard field ${objectName}.${existing.name} is not emulated`);
  }
  const read = readField(element, existing?.name ?? childName);
  if (typeof read === 'string') return failed(member, ctx, read);
  // Elements the file leaves out are the builders' defaults, as a spec leaves its keys out.
  read.spec = Object.fromEntries(Object.entries(read.spec).filter(([, value]) => value !== undefined)) as FieldSpec;
  const problems: string[] = [];
  validateFieldSpec(read.spec, member.fullName, problems);
  if (problems.length > 0) return failed(member, ctx, problems.join('; '));
  if (read.spec.kind === 'lookup') {
    const target = read.spec.referenceTo as string;
    const parent = org.schema.object(target);
    // Salesforce's text (community: deploy logs in wadewegner/deploy-to-sfdx #41, SalesforceLabs/CommunityCookieConsent #25).
    if (!parent) return failed(member, ctx, `referenceTo value of '${target}' does not resolve to a valid sObject type`);
    read.spec.referenceTo = parent.name;
  }
  const def = org.schema.object(objectName)!.def;
  const { field, relationship } = described(read, def.header.labelPlural);
  if (existing) {
    const problem = changeProblem(existing, field, hasData(ctx, objectName, existing.name));
    if (problem) return failed(member, ctx, problem);
  }
  const next: FieldDescribe = existing ? { ...field, custom: existing.custom } : field;
  ctx.fields.set(fieldKey(objectName, next.name), next);
  const managed = !existing || org.fieldVisibility.managedField(objectName, next.name) !== undefined;
  const apply = (): void => {
    // A field the org started with stays visible; a deployed one is shown as the permission sets say.
    if (managed) org.fieldVisibility.define(objectName, next, relationship);
    else org.schemaChanges.putField(objectName, next, relationship);
  };
  const changed = !existing || JSON.stringify(existing) !== JSON.stringify(next);
  return {
    message: {
      // A created component reports changed and created (UNCONFIRMED: see the README).
      changed,
      componentType: 'CustomField',
      created: !existing,
      createdDate: ctx.createdDate,
      deleted: false,
      fileName: memberFileName(member),
      fullName: member.fullName,
      success: true,
    },
    apply,
  };
}
