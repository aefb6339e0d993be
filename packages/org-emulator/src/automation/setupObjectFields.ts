/**
 * The columns of the setup objects the automation endpoints serve: Tooling `ValidationRule`,
 * `FlowDefinition`, `Flow`, `ApexTrigger`, `WorkflowRule`, and data API `FlowDefinitionView`, `ApexTrigger`,
 * `DuplicateRule` (field lists from the Tooling and Object Reference pages, reference §1-§4). They are
 * read-only to the data API and not part of the org's schema: describeGlobal does not list them.
 */
import type { FieldDescribe } from '../schema/model.js';
import { READ_ONLY, standardField } from '../schema/standardObjectBuilder.js';
import { idField } from '../schema/systemFields.js';

const MANAGEABLE_STATES = ['beta', 'deleted', 'deprecated', 'deprecatedEditable', 'installed', 'installedEditable', 'released', 'unmanaged'];

const ro = (field: FieldDescribe): FieldDescribe => ({ ...field, ...READ_ONLY });
const text = (name: string, length = 255): FieldDescribe => ro(standardField({ kind: 'text', name, length }));
const longText = (name: string): FieldDescribe => ro(standardField({ kind: 'textarea', name, length: 32000 }));
const flag = (name: string): FieldDescribe => ro(standardField({ kind: 'boolean', name }));
const int = (name: string): FieldDescribe => ro(standardField({ kind: 'int', name, digits: 9 }));
const picklist = (name: string, values: string[]): FieldDescribe => ro(standardField({ kind: 'picklist', name, values }));
const lookup = (name: string, referenceTo: string, relationshipName: string): FieldDescribe =>
  ro(standardField({ kind: 'lookup', name, referenceTo, relationshipName }));

/** Tooling's `Metadata` column: a JSON object, neither filterable nor sortable. */
function metadataField(): FieldDescribe {
  return { ...text('Metadata'), type: 'anyType', soapType: 'tns:Metadata', filterable: false, sortable: false, groupable: false };
}

const packaged = (): FieldDescribe[] => [text('NamespacePrefix', 15), picklist('ManageableState', MANAGEABLE_STATES)];
const fullNameAndMetadata = (): FieldDescribe[] => [text('FullName'), metadataField()];

export function validationRuleFields(): FieldDescribe[] {
  return [
    idField('Validation Rule ID'),
    flag('Active'),
    longText('Description'),
    lookup('EntityDefinitionId', 'EntityDefinition', 'EntityDefinition'),
    text('ErrorDisplayField'),
    text('ErrorMessage'),
    ...packaged(),
    text('ValidationName', 40),
    ...fullNameAndMetadata(),
  ];
}

export function flowDefinitionFields(): FieldDescribe[] {
  return [
    idField('Flow Definition ID'),
    lookup('ActiveVersionId', 'Flow', 'ActiveVersion'),
    text('Description'),
    text('DeveloperName', 80),
    lookup('LatestVersionId', 'Flow', 'LatestVersion'),
    text('MasterLabel'),
    ...packaged(),
    ...fullNameAndMetadata(),
  ];
}

export function flowFields(): FieldDescribe[] {
  return [
    idField('Flow ID'),
    lookup('DefinitionId', 'FlowDefinition', 'Definition'),
    text('MasterLabel'),
    text('ProcessType', 40),
    picklist('Status', ['Active', 'Draft', 'Obsolete', 'InvalidDraft']),
    int('VersionNumber'),
    ...packaged(),
    ...fullNameAndMetadata(),
  ];
}

export function flowDefinitionViewFields(): FieldDescribe[] {
  return [
    idField('Flow Definition View ID'),
    text('DurableId', 18),
    text('ApiName', 80),
    text('Label'),
    text('Description'),
    text('ProcessType', 40),
    text('TriggerType', 40),
    text('RecordTriggerType', 40),
    text('TriggerObjectOrEventId', 255),
    text('TriggerObjectOrEventLabel'),
    int('TriggerOrder'),
    text('ActiveVersionId', 18),
    text('LatestVersionId', 18),
    flag('IsActive'),
    flag('IsOutOfDate'),
    flag('IsTemplate'),
    int('VersionNumber'),
    text('InstalledPackageName'),
    ...packaged(),
  ];
}

/** Data API ApexTrigger; Tooling adds EntityDefinitionId, FullName and Metadata. */
export function apexTriggerFields(tooling: boolean): FieldDescribe[] {
  const usages = ['BeforeInsert', 'AfterInsert', 'BeforeUpdate', 'AfterUpdate', 'BeforeDelete', 'AfterDelete', 'AfterUndelete'].map((event) =>
    flag(`Usage${event}`)
  );
  return [
    idField('Apex Trigger ID'),
    text('Name'),
    text('TableEnumOrId', 40),
    ...(tooling ? [lookup('EntityDefinitionId', 'EntityDefinition', 'EntityDefinition')] : []),
    picklist('Status', ['Active', 'Inactive', 'Deleted']),
    ...usages,
    flag('UsageIsBulk'),
    flag('IsValid'),
    { ...text('ApiVersion'), type: 'double', soapType: 'xsd:double', precision: 18, scale: 1 },
    longText('Body'),
    int('LengthWithoutComments'),
    ...packaged(),
    ...(tooling ? fullNameAndMetadata() : []),
  ];
}

export function duplicateRuleFields(): FieldDescribe[] {
  return [
    idField('Duplicate Rule ID'),
    text('DeveloperName', 80),
    text('MasterLabel', 80),
    text('SobjectType', 40),
    text('SobjectSubtype', 40),
    flag('IsActive'),
    text('NamespacePrefix', 15),
  ];
}

export function workflowRuleFields(): FieldDescribe[] {
  return [idField('Workflow Rule ID'), text('Name', 80), text('TableEnumOrId', 40), ...packaged(), ...fullNameAndMetadata()];
}
