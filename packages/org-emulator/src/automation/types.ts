/**
 * The org's automation (validation rules, record-triggered flows, Process Builder processes, Apex triggers,
 * duplicate rules, workflow rules) as the emulator keeps it: what the setup objects list (Tooling
 * `ValidationRule`, data `FlowDefinitionView`, ...) and what the DML engine runs. Apex and flow logic is not
 * interpreted: each trigger, flow or process carries an `effect`, the one thing it does, so that switching it
 * off is observable.
 */

/** Salesforce's ManageableState values (Tooling object pages). */
export type ManageableState = 'beta' | 'deleted' | 'deprecated' | 'deprecatedEditable' | 'installed' | 'installedEditable' | 'released' | 'unmanaged';

/** A field the automation sets on the record being saved (a flow's Update Records, a trigger's assignment). */
export type FieldStamp = { field: string; value: string | number | boolean };

type Packaged = { namespacePrefix?: string | null; manageableState?: ManageableState };

export type ValidationRuleSpec = Packaged & {
  objectName: string;
  /** ValidationName, e.g. `Revenue_Not_Negative`. */
  name: string;
  active: boolean;
  description?: string | null;
  /** A Salesforce formula (evaluated with formulon); true = the record is rejected. */
  errorConditionFormula: string;
  errorMessage: string;
  errorDisplayField?: string | null;
};

export type ValidationRuleItem = Required<Omit<ValidationRuleSpec, 'description' | 'errorDisplayField'>> & {
  id: string;
  description: string | null;
  errorDisplayField: string | null;
  /**
   * `formula`: errorConditionFormula is a Salesforce formula. `where`: a schema file's rule, whose condition is
   * a SOQL WHERE expression (the emulator's older form, kept for schema files); it stays one until a PATCH
   * sends a different errorConditionFormula.
   */
  conditionKind: 'formula' | 'where';
  /** Schema-file rules may apply to inserts or updates only. */
  on: 'insert' | 'update' | 'both';
};

export type FlowTriggerType = 'RecordBeforeSave' | 'RecordAfterSave' | 'RecordBeforeDelete' | 'Scheduled' | 'PlatformEvent';
export type RecordTriggerType = 'Create' | 'Update' | 'CreateAndUpdate' | 'Delete';
/** FlowDefinitionView `ProcessType`: `Workflow` is a Process Builder process. */
export type FlowProcessType = 'AutoLaunchedFlow' | 'Workflow' | 'Flow' | 'InvocableProcess' | 'CustomEvent';
/**
 * When a Process Builder process starts (its Flow Metadata's processMetadataValues `TriggerType`): when a record
 * is created only, or when it is created or edited.
 */
export type ProcessTriggerType = 'onCreateOnly' | 'onAllChanges';

type FlowBaseSpec = Packaged & {
  objectName: string;
  /** ApiName / DeveloperName. */
  apiName: string;
  label: string;
  /** Versions 1..versions exist. */
  versions: number;
  /** The active version number, 0 = inactive. */
  activeVersion: number;
  effect?: FieldStamp;
};

/** A record-triggered flow: FlowDefinitionView names its object (`TriggerObjectOrEventId`) and its trigger. */
export type RecordFlowSpec = FlowBaseSpec & {
  processType?: Exclude<FlowProcessType, 'Workflow'>;
  triggerType: FlowTriggerType;
  recordTriggerType: RecordTriggerType;
  triggerOrder?: number | null;
};

/**
 * A Process Builder process (ProcessType `Workflow`): the view leaves its trigger and object empty; they are only
 * in its versions' Flow `Metadata` (processMetadataValues `ObjectType`, `TriggerType`).
 */
export type ProcessBuilderSpec = FlowBaseSpec & {
  processType: 'Workflow';
  /** Default `onAllChanges`. */
  processTriggerType?: ProcessTriggerType;
};

export type FlowSpec = RecordFlowSpec | ProcessBuilderSpec;

export type FlowItem = Required<Omit<FlowBaseSpec, 'effect'>> & {
  /** FlowDefinition id (300...), the view's DurableId. */
  id: string;
  processType: FlowProcessType;
  /** Record-triggered flows; null for a process. */
  triggerType: FlowTriggerType | null;
  recordTriggerType: RecordTriggerType | null;
  triggerOrder: number | null;
  /** Processes only; null for a flow. */
  processTriggerType: ProcessTriggerType | null;
  /** Flow (version) ids (301...), index = version number - 1. */
  versionIds: string[];
  effect?: FieldStamp;
};

export type TriggerEvent = 'BeforeInsert' | 'AfterInsert' | 'BeforeUpdate' | 'AfterUpdate' | 'BeforeDelete' | 'AfterDelete' | 'AfterUndelete';

export type ApexTriggerSpec = Packaged & {
  objectName: string;
  name: string;
  status: 'Active' | 'Inactive';
  events: TriggerEvent[];
  effect?: FieldStamp;
  apiVersion?: number;
};

export type ApexTriggerItem = Required<Omit<ApexTriggerSpec, 'effect'>> & { id: string; body: string; effect?: FieldStamp };

export type DuplicateRuleSpec = {
  objectName: string;
  developerName: string;
  masterLabel: string;
  active: boolean;
  namespacePrefix?: string | null;
  actionOnInsert: 'Allow' | 'Block';
  actionOnUpdate: 'Allow' | 'Block';
  /** Allow + alert: the save is refused until the client sends `allowSave=true` (DuplicateRuleHeader). */
  alertOnAllow?: boolean;
  alertText?: string;
  /** Exact (case-insensitive) match on all these fields, all of them non-blank: the rule's matching rule. */
  matchFields: string[];
  matchRuleName: string;
  description?: string | null;
  /** Metadata API `securityOption`: whether the running user's sharing limits the matches (not modelled). */
  securityOption?: 'EnforceSharingRules' | 'BypassSharingRules';
};

export type DuplicateRuleItem = Required<DuplicateRuleSpec> & { id: string };

/** Metadata API WorkflowTriggerTypes. */
export type WorkflowTriggerType = 'onCreateOnly' | 'onCreateOrTriggeringUpdate' | 'onAllChanges' | 'OnRecursiveUpdate';

export type WorkflowRuleSpec = Packaged & {
  objectName: string;
  name: string;
  active: boolean;
  description?: string | null;
  formula?: string | null;
  /** Default `onCreateOrTriggeringUpdate`. */
  triggerType?: WorkflowTriggerType;
};

export type WorkflowRuleItem = Required<WorkflowRuleSpec> & { id: string };
