/**
 * The automation components the Metadata API's CRUD calls read and update (`readMetadata`, `updateMetadata`):
 * `DuplicateRule` (full name `Contact.Contact_Email_Duplicate_Rule`, switched by `isActive`) and
 * `WorkflowRule` (`Account.Large_Account_Review`, switched by `active`). Each is rendered with the members of
 * the Metadata API type in the WSDL's order (reference §4; jsforce's schema, which follows the WSDL), and an
 * update applies what the emulator models of them. The SOAP call itself is in `metadataCalls.ts`.
 */
import type { XmlElement } from './xmlTree.js';
import type { AutomationRegistry } from '../automation/registry.js';
import type { DuplicateRuleItem, WorkflowRuleItem, WorkflowTriggerType } from '../automation/types.js';

/** One member of a component: text or nested members. */
export type Member = { name: string; value: string | Member[] };

/** A whole-call refusal of what the request says (a SOAP client fault on Salesforce). */
export class MetadataFault extends Error {}

/** A per-component refusal (`<errors>` of a SaveResult). */
export type MetadataError = { statusCode: string; message: string; fields: string[] };

export const METADATA_TYPES = ['DuplicateRule', 'WorkflowRule'] as const;
export type MetadataTypeName = (typeof METADATA_TYPES)[number];

export function isServedMetadataType(type: string): type is MetadataTypeName {
  return (METADATA_TYPES as readonly string[]).includes(type);
}

const m = (name: string, value: Member['value']): Member => ({ name, value });

/** `Object.Name`, with the namespace of a managed component (`Contact.isv__Rule`). */
function fullNameOf(objectName: string, name: string, namespacePrefix: string | null): string {
  return `${objectName}.${namespacePrefix ? `${namespacePrefix}__` : ''}${name}`;
}

const duplicateRuleFullName = (rule: DuplicateRuleItem): string => fullNameOf(rule.objectName, rule.developerName, rule.namespacePrefix);
const workflowRuleFullName = (rule: WorkflowRuleItem): string => fullNameOf(rule.objectName, rule.name, rule.namespacePrefix);

/** The component of a type by full name (compared case-insensitively), or undefined. */
export function findComponent(
  registry: AutomationRegistry,
  type: MetadataTypeName,
  fullName: string
): { kind: 'DuplicateRule'; item: DuplicateRuleItem } | { kind: 'WorkflowRule'; item: WorkflowRuleItem } | undefined {
  const wanted = fullName.trim().toLowerCase();
  if (type === 'DuplicateRule') {
    const item = registry.duplicateRules.find((rule) => duplicateRuleFullName(rule).toLowerCase() === wanted);
    return item && { kind: type, item };
  }
  const item = registry.workflowRules.find((rule) => workflowRuleFullName(rule).toLowerCase() === wanted);
  return item && { kind: type, item };
}

/** A member with no value is left out of the record (see the README: a nil element would break jsforce's round trip). */
const optional = (name: string, value: string | null): Member[] => (value === null ? [] : [m(name, value)]);

/**
 * Metadata API DuplicateRule members in the WSDL order. What the emulator does not model (a filter, an object
 * mapping, Report) is absent. Its alert is one flag per rule: `Alert` shows on each Allow action.
 */
export function duplicateRuleMembers(rule: DuplicateRuleItem, registry: AutomationRegistry): Member[] {
  const alerts = (action: 'Allow' | 'Block'): boolean => action === 'Allow' && rule.alertOnAllow;
  const sameObject = registry.duplicateRules.filter((other) => other.objectName === rule.objectName);
  // alertText only goes with an Allow action (a Block rule has none).
  const allows = rule.actionOnInsert === 'Allow' || rule.actionOnUpdate === 'Allow';
  return [
    m('fullName', duplicateRuleFullName(rule)),
    m('actionOnInsert', rule.actionOnInsert),
    m('actionOnUpdate', rule.actionOnUpdate),
    ...optional('alertText', allows ? rule.alertText : null),
    ...optional('description', rule.description),
    m('duplicateRuleMatchRules', [m('matchRuleSObjectType', rule.objectName), m('matchingRule', rule.matchRuleName)]),
    m('isActive', String(rule.active)),
    m('masterLabel', rule.masterLabel),
    ...(alerts(rule.actionOnInsert) ? [m('operationsOnInsert', 'Alert')] : []),
    ...(alerts(rule.actionOnUpdate) ? [m('operationsOnUpdate', 'Alert')] : []),
    m('securityOption', rule.securityOption),
    m('sortOrder', String(sameObject.indexOf(rule) + 1)),
  ];
}

/** Metadata API WorkflowRule members the registry has (no actions, criteria items or time triggers). */
export function workflowRuleMembers(rule: WorkflowRuleItem): Member[] {
  return [
    m('fullName', workflowRuleFullName(rule)),
    m('active', String(rule.active)),
    ...optional('description', rule.description),
    ...optional('formula', rule.formula),
    m('triggerType', rule.triggerType),
  ];
}

// ---- updateMetadata ------------------------------------------------------------------------------------

const DUPLICATE_RULE_MEMBERS = [
  'fullName',
  'actionOnInsert',
  'actionOnUpdate',
  'alertText',
  'description',
  'duplicateRuleFilter',
  'duplicateRuleMatchRules',
  'isActive',
  'masterLabel',
  'operationsOnInsert',
  'operationsOnUpdate',
  'securityOption',
  'sortOrder',
];
const WORKFLOW_RULE_MEMBERS = [
  'fullName',
  'actions',
  'active',
  'booleanFilter',
  'criteriaItems',
  'description',
  'formula',
  'triggerType',
  'workflowTimeTriggers',
];

const REQUIRED: Record<MetadataTypeName, string[]> = {
  DuplicateRule: ['actionOnInsert', 'actionOnUpdate', 'isActive', 'masterLabel'],
  WorkflowRule: ['active', 'triggerType'],
};

const isNil = (element: XmlElement): boolean => /^(true|1)$/.test(element.attributes['xsi:nil'] ?? '');

/** The component's members by name (repeated members keep their order); unknown ones fault the call. */
function membersOf(metadata: XmlElement, type: MetadataTypeName): Map<string, XmlElement[]> {
  const known = type === 'DuplicateRule' ? DUPLICATE_RULE_MEMBERS : WORKFLOW_RULE_MEMBERS;
  const members = new Map<string, XmlElement[]>();
  for (const child of metadata.children) {
    if (!known.includes(child.name)) throw new MetadataFault(`Element {${child.ns}}${child.name} invalid at this location in type ${type}`);
    members.set(child.name, [...(members.get(child.name) ?? []), child]);
  }
  return members;
}

/** A member's text, or undefined when it is absent, nil or blank. */
function text(members: Map<string, XmlElement[]>, name: string): string | undefined {
  const element = members.get(name)?.[0];
  if (!element || isNil(element)) return undefined;
  const value = element.text.trim();
  return value === '' ? undefined : value;
}

function booleanOf(value: string): boolean {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new MetadataFault(`'${value}' is not a valid value for the type xsd:boolean`);
}

function enumOf<T extends string>(value: string, allowed: readonly T[], enumName: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new MetadataFault(`'${value}' is not a valid value for the enum '${enumName}'`);
  return found;
}

const refusal = (statusCode: string, message: string, fields: string[] = []): MetadataError => ({ statusCode, message, fields });

/** Salesforce's text for a full name the org does not have (community: simple-salesforce #602). */
const noSuchComponent = (type: string, fullName: string): MetadataError =>
  refusal('INVALID_CROSS_REFERENCE_KEY', `In field: fullName - no ${type} named ${fullName} found`, ['fullName']);

/**
 * Applies one `<metadata xsi:type="…">` of updateMetadata: answers the component's full name and the errors
 * (none = saved). Malformed members (unknown element, a boolean or enum value out of range) throw MetadataFault.
 */
export function updateComponent(registry: AutomationRegistry, type: MetadataTypeName, metadata: XmlElement): { fullName: string; errors: MetadataError[] } {
  const members = membersOf(metadata, type);
  const fullName = text(members, 'fullName');
  if (fullName === undefined) return { fullName: '', errors: [refusal('REQUIRED_FIELD_MISSING', 'Required field is missing: fullName', ['fullName'])] };
  const found = findComponent(registry, type, fullName);
  if (!found) return { fullName, errors: [noSuchComponent(type, fullName)] };
  const missing = REQUIRED[type].filter((name) => text(members, name) === undefined);
  if (missing.length > 0) return { fullName, errors: missing.map((name) => refusal('REQUIRED_FIELD_MISSING', `Required field is missing: ${name}`, [name])) };
  if (found.item.namespacePrefix) {
    const message = `Cannot modify managed object: entity=${type}, component=${found.item.id}, field=Metadata, state=installed`;
    return { fullName, errors: [refusal('CANNOT_MODIFY_MANAGED_OBJECT', message)] };
  }
  const errors = found.kind === 'DuplicateRule' ? updateDuplicateRule(found.item, members) : updateWorkflowRule(found.item, members);
  if (errors.length === 0) registry.changed();
  return { fullName, errors };
}

function updateDuplicateRule(rule: DuplicateRuleItem, members: Map<string, XmlElement[]>): MetadataError[] {
  const actions = ['Allow', 'Block'] as const;
  const actionOnInsert = enumOf(text(members, 'actionOnInsert')!, actions, 'DupeActionType');
  const actionOnUpdate = enumOf(text(members, 'actionOnUpdate')!, actions, 'DupeActionType');
  const active = booleanOf(text(members, 'isActive')!);
  const securityText = text(members, 'securityOption');
  const securityOption =
    securityText === undefined ? rule.securityOption : enumOf(securityText, ['EnforceSharingRules', 'BypassSharingRules'] as const, 'DupeSecurityOptionType');
  // The emulator knows one matching rule per duplicate rule: another one named is one the org does not have.
  for (const matchRule of members.get('duplicateRuleMatchRules') ?? []) {
    const named = matchRule.children.find((child) => child.name === 'matchingRule')?.text.trim();
    if (named !== undefined && named !== '' && named !== rule.matchRuleName) {
      return [refusal('INVALID_CROSS_REFERENCE_KEY', `In field: matchingRule - no MatchingRule named ${named} found`, ['matchingRule'])];
    }
  }
  const alerts = (name: string): boolean => (members.get(name) ?? []).some((op) => op.text.trim().toLowerCase() === 'alert');
  Object.assign(rule, {
    active,
    actionOnInsert,
    actionOnUpdate,
    masterLabel: text(members, 'masterLabel')!,
    alertText: text(members, 'alertText') ?? rule.alertText,
    description: text(members, 'description') ?? null,
    securityOption,
    alertOnAllow: (actionOnInsert === 'Allow' && alerts('operationsOnInsert')) || (actionOnUpdate === 'Allow' && alerts('operationsOnUpdate')),
  });
  return [];
}

function updateWorkflowRule(rule: WorkflowRuleItem, members: Map<string, XmlElement[]>): MetadataError[] {
  const triggerTypes: readonly WorkflowTriggerType[] = ['onCreateOnly', 'onCreateOrTriggeringUpdate', 'onAllChanges', 'OnRecursiveUpdate'];
  Object.assign(rule, {
    active: booleanOf(text(members, 'active')!),
    triggerType: enumOf(text(members, 'triggerType')!, triggerTypes, 'WorkflowTriggerTypes'),
    description: text(members, 'description') ?? null,
    formula: text(members, 'formula') ?? null,
  });
  return [];
}

/** Readable members of a found component, in the type's order. */
export function componentMembers(registry: AutomationRegistry, found: NonNullable<ReturnType<typeof findComponent>>): Member[] {
  return found.kind === 'DuplicateRule' ? duplicateRuleMembers(found.item, registry) : workflowRuleMembers(found.item);
}
