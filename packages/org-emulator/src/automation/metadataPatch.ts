/**
 * `PATCH /tooling/sobjects/<Type>/<Id>` for the automation the Tooling API switches: ValidationRule (the
 * whole `Metadata`, `active` set as wanted), FlowDefinition (`Metadata.activeVersionNumber`) and, unverified,
 * WorkflowRule (`Metadata.active`). Only `Metadata` is updatable (reference §1: `Active` has no Update
 * property, `FullName` is create-only). Error codes marked UNVERIFIED in the README are best guesses.
 */
import type { DmlError } from '../org/dmlTypes.js';
import { dmlErrors, textOf } from '../org/dmlErrors.js';
import type { ObjectInfo } from '../org/schemaIndex.js';
import { formulaProblem } from './formula.js';
import type { AutomationItem, AutomationRegistry } from './registry.js';
import type { FlowItem, ValidationRuleItem, WorkflowRuleItem } from './types.js';

export type PatchOutcome = { ok: true } | { ok: false; status: number; error: DmlError };

const refuse = (statusCode: string, message: string, fields: string[] = []): PatchOutcome => ({
  ok: false,
  status: 400,
  error: { statusCode, message, fields },
});

/** The columns of each type (for the "not updatable" versus "no such column" refusals). */
const COLUMNS: Record<string, string[]> = {
  ValidationRule: [
    'Id',
    'Active',
    'Description',
    'EntityDefinitionId',
    'ErrorDisplayField',
    'ErrorMessage',
    'NamespacePrefix',
    'ManageableState',
    'ValidationName',
    'FullName',
  ],
  FlowDefinition: ['Id', 'ActiveVersionId', 'Description', 'DeveloperName', 'LatestVersionId', 'MasterLabel', 'NamespacePrefix', 'ManageableState', 'FullName'],
  WorkflowRule: ['Id', 'Name', 'TableEnumOrId', 'NamespacePrefix', 'ManageableState', 'FullName'],
};

const VALIDATION_RULE_MEMBERS = [
  'active',
  'description',
  'errorConditionFormula',
  'errorDisplayField',
  'errorMessage',
  'shouldEvaluateOnClient',
  'urls',
  'fullName',
];

function readMetadata(type: string, body: Record<string, unknown>): { metadata: Record<string, unknown> } | { refusal: PatchOutcome } {
  for (const key of Object.keys(body)) {
    if (key === 'Metadata') continue;
    const column = COLUMNS[type].find((name) => name.toLowerCase() === key.toLowerCase());
    if (column) return { refusal: { ok: false, status: 400, error: dmlErrors.notWritable(column) } };
    return { refusal: refuse('INVALID_FIELD', `No such column '${key}' on sobject of type ${type}`) };
  }
  const metadata = body.Metadata;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    return { refusal: refuse('REQUIRED_FIELD_MISSING', 'Required fields are missing: [Metadata]', ['Metadata']) };
  }
  return { metadata: metadata as Record<string, unknown> };
}

/** Subscribers cannot change an installed package's components (UNVERIFIED for validation rules and flows). */
function managed(type: string, item: { id: string; manageableState: string }): PatchOutcome | undefined {
  if (item.manageableState !== 'installed') return undefined;
  return refuse('INSUFFICIENT_ACCESS_OR_READONLY', `Cannot modify managed object: entity=${type}, component=${item.id}, field=Metadata, state=installed`);
}

function patchValidationRule(rule: ValidationRuleItem, metadata: Record<string, unknown>, info: ObjectInfo | undefined): PatchOutcome {
  const unknown = Object.keys(metadata).find((key) => !VALIDATION_RULE_MEMBERS.includes(key));
  if (unknown) return refuse('JSON_PARSER_ERROR', `Unrecognized field "${unknown}" in Metadata of type ValidationRule`);
  const missing = ['active', 'errorConditionFormula', 'errorMessage'].filter(
    (key) => metadata[key] === undefined || metadata[key] === null || metadata[key] === ''
  );
  if (missing.length > 0) return refuse('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
  const { active, errorConditionFormula: formula, errorMessage: message } = metadata;
  if (typeof active !== 'boolean') return refuse('JSON_PARSER_ERROR', 'Cannot deserialize instance of boolean from VALUE_STRING value for active');
  if (typeof formula !== 'string' || typeof message !== 'string') return refuse('JSON_PARSER_ERROR', 'errorConditionFormula and errorMessage must be strings');
  if (message.length > 255) return refuse('STRING_TOO_LONG', `Error Message: data value too large (max length=255)`, ['errorMessage']);
  const description = metadata.description ?? null;
  const displayField = metadata.errorDisplayField ?? null;
  if (displayField !== null && (typeof displayField !== 'string' || !info?.fieldsByLowerName.has(displayField.toLowerCase()))) {
    return refuse('FIELD_INTEGRITY_EXCEPTION', `Error Location: field ${textOf(displayField)} does not exist on ${rule.objectName}`, ['errorDisplayField']);
  }
  // A schema file's rule keeps its SOQL condition while the formula comes back unchanged; new text is a formula.
  const kind = rule.conditionKind === 'where' && formula === rule.errorConditionFormula ? 'where' : 'formula';
  if (kind === 'formula') {
    const problem = formulaProblem(formula, (name) => info?.fieldsByLowerName.get(name.toLowerCase()));
    if (problem) return refuse('FIELD_INTEGRITY_EXCEPTION', `Error Condition Formula: ${problem}`, ['errorConditionFormula']);
  }
  Object.assign(rule, {
    active,
    errorConditionFormula: formula,
    errorMessage: message,
    description: typeof description === 'string' ? description : null,
    errorDisplayField: displayField === null ? null : info!.fieldsByLowerName.get(displayField.toLowerCase())!.name,
    conditionKind: kind,
  });
  return { ok: true };
}

function patchFlowDefinition(flow: FlowItem, metadata: Record<string, unknown>): PatchOutcome {
  const wanted = metadata.activeVersionNumber ?? 0;
  if (typeof wanted !== 'number' || !Number.isInteger(wanted) || wanted < 0 || wanted > flow.versions) {
    return refuse('FIELD_INTEGRITY_EXCEPTION', `The flow ${flow.apiName} has no version ${textOf(wanted)}.`, ['activeVersionNumber']);
  }
  flow.activeVersion = wanted;
  return { ok: true };
}

function patchWorkflowRule(rule: WorkflowRuleItem, metadata: Record<string, unknown>): PatchOutcome {
  if (typeof metadata.active !== 'boolean') return refuse('REQUIRED_FIELD_MISSING', 'Required fields are missing: [active]', ['active']);
  rule.active = metadata.active;
  return { ok: true };
}

/** Applies a PATCH body to the item, or the refusal; the registry is told, so saves see the change at once. */
export function patchAutomation(
  found: AutomationItem,
  body: Record<string, unknown>,
  registry: AutomationRegistry,
  info: ObjectInfo | undefined
): PatchOutcome {
  if (!(found.kind in COLUMNS)) return refuse('INVALID_TYPE', `sObject type '${found.kind}' cannot be updated through the Tooling API in the emulator`);
  const read = readMetadata(found.kind, body);
  if ('refusal' in read) return read.refusal;
  const { metadata } = read;
  const refusal = managed(found.kind, found.item as { id: string; manageableState: string });
  if (refusal) return refusal;
  let outcome: PatchOutcome;
  if (found.kind === 'ValidationRule') outcome = patchValidationRule(found.item, metadata, info);
  else if (found.kind === 'FlowDefinition') outcome = patchFlowDefinition(found.item, metadata);
  else outcome = patchWorkflowRule(found.item as WorkflowRuleItem, metadata);
  if (outcome.ok) registry.changed();
  return outcome;
}
