/**
 * Automation control (issue 22): what a target org runs when records are written, and how sf isync switches it
 * off for a run and back on after it. Plain data, shared by the readers, the switch, the journal and the commands.
 */

/** The kinds `--disable-automation` takes, in the order `automation list` shows them. */
export const AUTOMATION_KINDS = ['validation-rules', 'flows', 'triggers', 'duplicate-rules', 'workflow-rules'] as const;
export type AutomationKind = (typeof AUTOMATION_KINDS)[number];

/**
 * How an item can be switched in this org, or why not:
 * - `tooling`: a Tooling API update of the item's `Metadata` (validation rules, flows: allowed in production too);
 * - `metadata`: a Metadata API `updateMetadata` of the component (duplicate rules, workflow rules);
 * - `deploy`: a Metadata API deploy of the item unchanged but for its status (triggers: the one way Salesforce
 *   documents for every org; in production the deploy runs the org's local tests);
 * - `managed`: it belongs to an installed package, whose subscribers cannot switch it.
 */
export type SwitchMethod = 'tooling' | 'metadata' | 'deploy' | 'managed';

export type AutomationItem = {
  kind: AutomationKind;
  /** The object the item runs on (its API name). */
  object: string;
  /**
   * The name `--disable-automation` and the template use: `Object.Rule` for validation, duplicate and workflow
   * rules (their Metadata API full name), the API name of a flow (Process Builder processes are flows) or a
   * trigger.
   */
  name: string;
  /** The item's record id (Tooling or data API): validation rule `03d…`, flow definition `300…`, trigger `01q…`. */
  id: string;
  active: boolean;
  /** Namespace of the installed package the item comes from, if any. */
  namespace?: string;
  switchable: SwitchMethod;
  /** What it does, in a few words (trigger events, flow type or `Process Builder (onAllChanges)`, error message). */
  detail: string;
  /** Flows: the version that is active (restored after the run). */
  activeVersion?: number;
};

/** An item a run switched off, as its journal (run.json) keeps it until it is switched back on. */
export type SwitchedItem = Pick<AutomationItem, 'kind' | 'object' | 'name' | 'id'> & {
  /**
   * `switching-off`: journaled before the request (it may or may not be off: restoring is safe either way,
   * since only active items are switched); `off`; `restored`.
   */
  state: 'switching-off' | 'off' | 'restored';
  /** Flows: the version to activate again. */
  activeVersion?: number;
  /**
   * Triggers: the last Metadata deploy that switched the item (off, or back on), journaled as soon as the org
   * answered its id and before waiting for it. A deploy goes on in the org when the process is killed: restoring
   * waits for it to finish before it reads the trigger, so that one completing late cannot leave it off.
   */
  deployId?: string;
  /**
   * Triggers: when the last deploy was asked for (this machine's clock), journaled before the request leaves. With
   * no `deployId` beside it, the process died before the org's answer: restoring then waits for the deploys still
   * running in the org that were created since (Tooling DeployRequest).
   */
  deployRequestedAt?: string;
  /** The last failure to switch it back on, kept for `runs`, `report` and `automation restore`. */
  restoreError?: string;
};

/** run.json `automation`: what the run asked for and every item it switched. */
export type RunAutomation = {
  /** Kinds and names as asked (`--disable-automation`, template `options.disableAutomation`). */
  requested: string[];
  items: SwitchedItem[];
};

/** Items a run switched off and has not switched back on (yet). */
export function itemsLeftOff(automation: RunAutomation | undefined): SwitchedItem[] {
  return (automation?.items ?? []).filter((item) => item.state !== 'restored');
}
