/**
 * The rows of the automation setup objects, built from the registry each time they are read (there are a
 * handful per org), so a switch is visible at once in every view. Flows' rows are in flowRows.ts.
 */
import type { StoredRecord } from '../soql/types.js';
import type { EntityIds } from './entityIds.js';
import type { AutomationRegistry } from './registry.js';
import type { ApexTriggerItem, ValidationRuleItem, WorkflowRuleItem } from './types.js';

export type RowContext = { registry: AutomationRegistry; entityIds: EntityIds; labelOf: (objectName: string) => string };

export const row = (id: string, values: Record<string, unknown>): StoredRecord => ({ Id: id, IsDeleted: false, ...values });

export function validationRuleMetadata(rule: ValidationRuleItem): Record<string, unknown> {
  return {
    active: rule.active,
    description: rule.description,
    errorConditionFormula: rule.errorConditionFormula,
    errorDisplayField: rule.errorDisplayField,
    errorMessage: rule.errorMessage,
  };
}

export function workflowRuleMetadata(rule: WorkflowRuleItem): Record<string, unknown> {
  return {
    actions: [],
    active: rule.active,
    booleanFilter: null,
    criteriaItems: [],
    description: rule.description,
    formula: rule.formula,
    timeTriggers: [],
    triggerType: rule.triggerType,
  };
}

export function apexTriggerMetadata(trigger: ApexTriggerItem): Record<string, unknown> {
  return { apiVersion: trigger.apiVersion, packageVersions: [], status: trigger.status };
}

export function validationRuleRows({ registry, entityIds }: RowContext): StoredRecord[] {
  return registry.validationRules.map((rule) =>
    row(rule.id, {
      Active: rule.active,
      Description: rule.description,
      EntityDefinitionId: entityIds.durableId(rule.objectName),
      ErrorDisplayField: rule.errorDisplayField,
      ErrorMessage: rule.errorMessage,
      NamespacePrefix: rule.namespacePrefix,
      ManageableState: rule.manageableState,
      ValidationName: rule.name,
      FullName: `${rule.namespacePrefix ? `${rule.namespacePrefix}__` : ''}${rule.objectName}.${rule.name}`,
      Metadata: validationRuleMetadata(rule),
    })
  );
}

export function apexTriggerRows({ registry, entityIds }: RowContext, tooling: boolean): StoredRecord[] {
  return registry.triggers.map((trigger) => {
    const usage = Object.fromEntries(
      ['BeforeInsert', 'AfterInsert', 'BeforeUpdate', 'AfterUpdate', 'BeforeDelete', 'AfterDelete', 'AfterUndelete'].map((event) => [
        `Usage${event}`,
        trigger.events.includes(event as ApexTriggerItem['events'][number]),
      ])
    );
    const toolingOnly = tooling
      ? { EntityDefinitionId: entityIds.durableId(trigger.objectName), FullName: trigger.name, Metadata: apexTriggerMetadata(trigger) }
      : {};
    return row(trigger.id, {
      Name: trigger.name,
      TableEnumOrId: trigger.objectName,
      Status: trigger.status,
      ...usage,
      UsageIsBulk: true,
      IsValid: true,
      ApiVersion: trigger.apiVersion,
      Body: trigger.body,
      LengthWithoutComments: trigger.body.length,
      NamespacePrefix: trigger.namespacePrefix,
      ManageableState: trigger.manageableState,
      ...toolingOnly,
    });
  });
}

export function duplicateRuleRows({ registry }: RowContext): StoredRecord[] {
  return registry.duplicateRules.map((rule) =>
    row(rule.id, {
      DeveloperName: rule.developerName,
      MasterLabel: rule.masterLabel,
      SobjectType: rule.objectName,
      SobjectSubtype: null,
      IsActive: rule.active,
      NamespacePrefix: rule.namespacePrefix,
    })
  );
}

export function workflowRuleRows({ registry }: RowContext): StoredRecord[] {
  return registry.workflowRules.map((rule) =>
    row(rule.id, {
      Name: rule.name,
      TableEnumOrId: rule.objectName,
      NamespacePrefix: rule.namespacePrefix,
      ManageableState: rule.manageableState,
      FullName: `${rule.objectName}.${rule.name}`,
      Metadata: workflowRuleMetadata(rule),
    })
  );
}
