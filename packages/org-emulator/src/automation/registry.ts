/**
 * The org's automation items (see types.ts), by id and by object. Datasets and schema files add them; the
 * Tooling endpoints read and switch them; the DML engine asks for an object's active ones on every save.
 */
import type { LegacyRecord } from '../datasets/demoAutomation.js';
import type { SeedTarget } from '../datasets/types.js';
import type { ValidationRuleDef } from '../schema/model.js';
import type { StoredRecord } from '../soql/types.js';
import { KEY_PREFIXES, MetadataIds } from './metadataIds.js';
import type {
  ApexTriggerItem,
  ApexTriggerSpec,
  DuplicateRuleItem,
  DuplicateRuleSpec,
  FlowItem,
  FlowSpec,
  ValidationRuleItem,
  ValidationRuleSpec,
  WorkflowRuleItem,
  WorkflowRuleSpec,
} from './types.js';

export type AutomationItem =
  | { kind: 'ValidationRule'; item: ValidationRuleItem }
  | { kind: 'FlowDefinition'; item: FlowItem }
  | { kind: 'ApexTrigger'; item: ApexTriggerItem }
  | { kind: 'DuplicateRule'; item: DuplicateRuleItem }
  | { kind: 'WorkflowRule'; item: WorkflowRuleItem };

const packaged = (spec: {
  namespacePrefix?: string | null;
  manageableState?: ValidationRuleItem['manageableState'];
}): Pick<ValidationRuleItem, 'namespacePrefix' | 'manageableState'> => ({
  namespacePrefix: spec.namespacePrefix ?? null,
  manageableState: spec.manageableState ?? (spec.namespacePrefix ? 'installed' : 'unmanaged'),
});

export class AutomationRegistry {
  public readonly validationRules: ValidationRuleItem[] = [];
  public readonly flows: FlowItem[] = [];
  public readonly triggers: ApexTriggerItem[] = [];
  public readonly duplicateRules: DuplicateRuleItem[] = [];
  public readonly workflowRules: WorkflowRuleItem[] = [];
  /**
   * The dataset's records that break its own automation (history from before the rules), seeded on demand
   * (`POST /__emulator/automation/legacy-records`); undefined when the dataset has none.
   */
  public legacyRecords: ((target: SeedTarget, records: (objectName: string) => StoredRecord[]) => LegacyRecord[]) | undefined;
  /** Bumped on every change, so compiled rules can be cached per version. */
  public version = 0;
  private readonly ids: MetadataIds;

  public constructor(pod: string) {
    this.ids = new MetadataIds(pod, '1');
  }

  public addValidationRule(spec: ValidationRuleSpec): ValidationRuleItem {
    const item: ValidationRuleItem = {
      id: this.ids.next(KEY_PREFIXES.validationRule),
      objectName: spec.objectName,
      name: spec.name,
      active: spec.active,
      description: spec.description ?? null,
      errorConditionFormula: spec.errorConditionFormula,
      errorMessage: spec.errorMessage,
      errorDisplayField: spec.errorDisplayField ?? null,
      ...packaged(spec),
      conditionKind: 'formula',
      on: 'both',
    };
    this.validationRules.push(item);
    this.changed();
    return item;
  }

  /** A schema file's rule: a SOQL WHERE condition, active. */
  public addSchemaRule(objectName: string, rule: ValidationRuleDef): ValidationRuleItem {
    const item = this.addValidationRule({
      objectName,
      name: rule.name,
      active: true,
      errorConditionFormula: rule.errorCondition,
      errorMessage: rule.errorMessage,
      errorDisplayField: rule.errorDisplayField,
    });
    item.conditionKind = 'where';
    item.on = rule.on ?? 'both';
    return item;
  }

  public addFlow(spec: FlowSpec): FlowItem {
    if (spec.activeVersion < 0 || spec.activeVersion > spec.versions) throw new Error(`flow ${spec.apiName}: no version ${spec.activeVersion}`);
    const item: FlowItem = {
      id: this.ids.next(KEY_PREFIXES.flowDefinition),
      objectName: spec.objectName,
      apiName: spec.apiName,
      label: spec.label,
      ...(spec.processType === 'Workflow'
        ? {
            processType: 'Workflow',
            triggerType: null,
            recordTriggerType: null,
            triggerOrder: null,
            processTriggerType: spec.processTriggerType ?? 'onAllChanges',
          }
        : {
            processType: spec.processType ?? 'AutoLaunchedFlow',
            triggerType: spec.triggerType,
            recordTriggerType: spec.recordTriggerType,
            triggerOrder: spec.triggerOrder ?? null,
            processTriggerType: null,
          }),
      versions: spec.versions,
      activeVersion: spec.activeVersion,
      versionIds: Array.from({ length: spec.versions }, () => this.ids.next(KEY_PREFIXES.flow)),
      ...packaged(spec),
      effect: spec.effect,
    };
    this.flows.push(item);
    this.changed();
    return item;
  }

  public addTrigger(spec: ApexTriggerSpec): ApexTriggerItem {
    const events = spec.events.map((event) => event.replace(/([a-z])([A-Z])/, '$1 $2').toLowerCase()).join(', ');
    const item: ApexTriggerItem = {
      id: this.ids.next(KEY_PREFIXES.apexTrigger),
      objectName: spec.objectName,
      name: spec.name,
      status: spec.status,
      events: spec.events,
      apiVersion: spec.apiVersion ?? 62,
      body: `trigger ${spec.name} on ${spec.objectName} (${events}) {\n    // emulated: sets ${spec.effect?.field ?? 'nothing'}\n}`,
      ...packaged(spec),
      effect: spec.effect,
    };
    this.triggers.push(item);
    this.changed();
    return item;
  }

  public addDuplicateRule(spec: DuplicateRuleSpec): DuplicateRuleItem {
    const item: DuplicateRuleItem = {
      alertOnAllow: false,
      alertText: "You're creating a duplicate record. We recommend you use an existing record instead.",
      ...spec,
      description: spec.description ?? null,
      securityOption: spec.securityOption ?? 'EnforceSharingRules',
      namespacePrefix: spec.namespacePrefix ?? null,
      id: this.ids.next(KEY_PREFIXES.duplicateRule),
    };
    this.duplicateRules.push(item);
    this.changed();
    return item;
  }

  public addWorkflowRule(spec: WorkflowRuleSpec): WorkflowRuleItem {
    const item: WorkflowRuleItem = {
      id: this.ids.next(KEY_PREFIXES.workflowRule),
      objectName: spec.objectName,
      name: spec.name,
      active: spec.active,
      description: spec.description ?? null,
      formula: spec.formula ?? null,
      triggerType: spec.triggerType ?? 'onCreateOrTriggeringUpdate',
      ...packaged(spec),
    };
    this.workflowRules.push(item);
    this.changed();
    return item;
  }

  /** Any item by its id (15 or 18 characters, any case of the checksum). */
  public byId(id: string): AutomationItem | undefined {
    const key = id.slice(0, 15);
    const match = <T extends { id: string }>(items: T[]): T | undefined => items.find((item) => item.id.slice(0, 15) === key);
    const rule = match(this.validationRules);
    if (rule) return { kind: 'ValidationRule', item: rule };
    const flow = match(this.flows);
    if (flow) return { kind: 'FlowDefinition', item: flow };
    const trigger = match(this.triggers);
    if (trigger) return { kind: 'ApexTrigger', item: trigger };
    const duplicate = match(this.duplicateRules);
    if (duplicate) return { kind: 'DuplicateRule', item: duplicate };
    const workflow = match(this.workflowRules);
    return workflow ? { kind: 'WorkflowRule', item: workflow } : undefined;
  }

  /** A flow by one of its version (Flow, 301...) ids. */
  public flowOfVersion(id: string): { flow: FlowItem; versionNumber: number } | undefined {
    const key = id.slice(0, 15);
    for (const flow of this.flows) {
      const index = flow.versionIds.findIndex((versionId) => versionId.slice(0, 15) === key);
      if (index >= 0) return { flow, versionNumber: index + 1 };
    }
    return undefined;
  }

  /** Something was switched or edited: compiled rules are stale. */
  public changed(): void {
    this.version += 1;
  }

  /** Forgets every item (an org reset; the schema's rules and the dataset's items are added again). */
  public clear(): void {
    for (const list of [this.validationRules, this.flows, this.triggers, this.duplicateRules, this.workflowRules]) list.length = 0;
    this.ids.reset();
    this.legacyRecords = undefined;
    this.changed();
  }
}
