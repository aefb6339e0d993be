/**
 * What a save runs of the org's automation, in Salesforce's order of execution: before-save flows and
 * before triggers change the record, then validation rules, then duplicate rules; after the save, after
 * triggers, Process Builder processes and after-save flows. Only active items run (validation rule `active`,
 * trigger Status 'Active', a flow or process with an active version, duplicate rule `isActive`).
 *
 * An after-save effect is applied to the record within the same save (Salesforce would update the record
 * again in the same transaction; the result a client reads back is the same).
 */
import { dmlErrors, RecordError } from '../org/dmlErrors.js';
import type { ConditionCompiler } from '../org/orgContext.js';
import type { RecordStore } from '../org/recordStore.js';
import type { ObjectInfo } from '../org/schemaIndex.js';
import type { StoredRecord } from '../soql/types.js';
import { duplicatesDetected, findDuplicates } from './duplicates.js';
import { compileFormula, type FormulaContext } from './formula.js';
import type { AutomationRegistry } from './registry.js';
import type { FieldStamp, FlowItem, TriggerEvent, ValidationRuleItem } from './types.js';

export type SaveMode = 'insert' | 'update';

/** How much automation a write runs: API writes all of it, dataset seeding only validation rules. */
export type AutomationLevel = 'all' | 'validationOnly' | 'none';

export type SaveOptions = { level: AutomationLevel; allowSave?: boolean };

type CompiledRule = { rule: ValidationRuleItem; test: (record: StoredRecord, context: FormulaContext) => boolean };

function flowRuns(flow: FlowItem, timing: 'RecordBeforeSave' | 'RecordAfterSave', mode: SaveMode): boolean {
  if (flow.activeVersion === 0 || flow.triggerType !== timing || !flow.effect) return false;
  return flow.recordTriggerType === 'CreateAndUpdate' || flow.recordTriggerType === (mode === 'insert' ? 'Create' : 'Update');
}

/** A Process Builder process starts after the save: on creates only, or on creates and edits. */
function processRuns(flow: FlowItem, mode: SaveMode): boolean {
  if (flow.activeVersion === 0 || flow.processType !== 'Workflow' || !flow.effect) return false;
  return flow.processTriggerType === 'onAllChanges' || mode === 'insert';
}

export class RecordAutomation {
  private compiled = new Map<string, CompiledRule[]>();
  private compiledAt = -1;

  public constructor(
    private readonly registry: AutomationRegistry,
    private readonly store: RecordStore,
    private readonly compileCondition: ConditionCompiler | undefined
  ) {}

  /** Before-save flows and before triggers: the fields they set, applied to `record`. */
  public beforeSave(info: ObjectInfo, record: StoredRecord, mode: SaveMode, options: SaveOptions): Record<string, unknown> {
    if (options.level !== 'all') return {};
    return this.applyEffects(info, record, mode, 'RecordBeforeSave', mode === 'insert' ? 'BeforeInsert' : 'BeforeUpdate');
  }

  /** After triggers and after-save flows, after validation and duplicate rules passed. */
  public afterSave(info: ObjectInfo, record: StoredRecord, mode: SaveMode, options: SaveOptions): Record<string, unknown> {
    if (options.level !== 'all') return {};
    return this.applyEffects(info, record, mode, 'RecordAfterSave', mode === 'insert' ? 'AfterInsert' : 'AfterUpdate');
  }

  /** Throws FIELD_CUSTOM_VALIDATION_EXCEPTION for the first active rule whose condition is true. */
  public validate(info: ObjectInfo, record: StoredRecord, context: FormulaContext, options: SaveOptions): void {
    if (options.level === 'none') return;
    for (const { rule, test } of this.rulesOf(info)) {
      if (!rule.active || (rule.on !== 'both' && rule.on !== context.mode)) continue;
      if (test(record, context)) throw new RecordError([dmlErrors.validationRule(rule.errorMessage, rule.errorDisplayField ?? undefined)]);
    }
  }

  /** Throws DUPLICATES_DETECTED for the first active duplicate rule that finds a match and refuses the save. */
  public checkDuplicates(info: ObjectInfo, record: StoredRecord, mode: SaveMode, selfId: string | undefined, options: SaveOptions): void {
    if (options.level !== 'all') return;
    for (const rule of this.registry.duplicateRules) {
      if (!rule.active || rule.objectName !== info.name) continue;
      const action = mode === 'insert' ? rule.actionOnInsert : rule.actionOnUpdate;
      const blocks = action === 'Block' || (rule.alertOnAllow && options.allowSave !== true);
      if (!blocks) continue;
      const matchIds = findDuplicates(this.store, rule, record, selfId);
      if (matchIds.length > 0) throw new RecordError([duplicatesDetected({ rule, allowSave: action === 'Allow', matchIds })]);
    }
  }

  private applyEffects(
    info: ObjectInfo,
    record: StoredRecord,
    mode: SaveMode,
    flowTiming: 'RecordBeforeSave' | 'RecordAfterSave',
    event: TriggerEvent
  ): Record<string, unknown> {
    const stamps: FieldStamp[] = [];
    const onObject = this.registry.flows.filter((flow) => flow.objectName === info.name);
    const flows = onObject.filter((flow) => flowRuns(flow, flowTiming, mode));
    const processes = flowTiming === 'RecordAfterSave' ? onObject.filter((flow) => processRuns(flow, mode)) : [];
    const triggers = this.registry.triggers.filter((t) => t.objectName === info.name && t.status === 'Active' && t.effect && t.events.includes(event));
    // Salesforce runs before-save flows ahead of before triggers; after the save, after triggers, then processes
    // (with workflow rules' actions), then after-save flows.
    const ordered =
      flowTiming === 'RecordBeforeSave'
        ? [...flows.map((f) => f.effect!), ...triggers.map((t) => t.effect!)]
        : [...triggers.map((t) => t.effect!), ...processes.map((p) => p.effect!), ...flows.map((f) => f.effect!)];
    stamps.push(...ordered);
    const changes: Record<string, unknown> = {};
    for (const { field, value } of stamps) {
      const name = info.fieldsByLowerName.get(field.toLowerCase())?.name;
      if (!name) continue;
      record[name] = value;
      changes[name] = value;
    }
    return changes;
  }

  private rulesOf(info: ObjectInfo): CompiledRule[] {
    if (this.compiledAt !== this.registry.version) {
      this.compiled = new Map();
      this.compiledAt = this.registry.version;
    }
    let rules = this.compiled.get(info.name);
    if (!rules) {
      rules = this.registry.validationRules.filter((rule) => rule.objectName === info.name).map((rule) => ({ rule, test: this.compile(info, rule) }));
      this.compiled.set(info.name, rules);
    }
    return rules;
  }

  private compile(info: ObjectInfo, rule: ValidationRuleItem): CompiledRule['test'] {
    if (rule.conditionKind === 'formula') return compileFormula(rule.errorConditionFormula, (name) => info.fieldsByLowerName.get(name.toLowerCase()));
    if (!this.compileCondition) throw new Error(`${info.name} has validation rules but the org has no condition compiler`);
    const where = this.compileCondition(info.name, rule.errorConditionFormula);
    return (record) => where(record);
  }
}
