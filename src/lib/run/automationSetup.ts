import type { OrgApi } from '../api/orgApi.js';
import { AutomationSwitch, type AutomationEvent } from '../automation/automationSwitch.js';
import { itemsLeftOff, type RunAutomation, type SwitchedItem } from '../automation/automationTypes.js';
import { readAutomation } from '../automation/readAutomation.js';
import { mergedWithJournal, planSwitch, selectionOf } from '../automation/switchPlan.js';
import type { SyncRunInput } from './syncRunTypes.js';

export type AutomationSetupInput = {
  /** The target, for the switches: not gated by the run's guards, so that switching back on is never refused. */
  target: OrgApi;
  /** The target is a production org (its trigger deploys run the org's local tests). */
  production?: boolean;
  /** The target's username, for the messages. */
  targetName: string;
  objects: readonly string[];
  /** `--disable-automation`, else the template's `options.disableAutomation`. */
  requested: readonly string[];
  /** A continued run (resume, retry): what its journal says it switched. */
  continued?: RunAutomation;
  onEvent?: (event: AutomationEvent) => void;
};

/** What a run does with the target's automation, for the command's info lines and `--json`. */
export type AutomationUsed = {
  requested: string[];
  /** The items switched off for the run (a scan or dry run: those it would switch off). */
  items: SwitchedItem[];
  /** Items `all` selected that cannot be switched: they stay on. */
  warnings: string[];
};

/**
 * The run's automation switch: the active items the selection names in the target (checked before anything
 * is switched: see planSwitch), and for a continued run also those its journal still has off. Undefined when
 * the run asks for nothing and left nothing off.
 */
export async function setUpAutomation(input: AutomationSetupInput): Promise<{ run: NonNullable<SyncRunInput['automation']>; used: AutomationUsed } | undefined> {
  const requested = input.continued?.requested ?? [...input.requested];
  const selection = selectionOf(requested);
  const leftOff = itemsLeftOff(input.continued);
  if (!selection && leftOff.length === 0) return undefined;
  let plan = { items: [] as SwitchedItem[], warnings: [] as string[] };
  if (selection) {
    // Names and per-object selections may be of any kind: every kind is read then.
    const anyKind = selection.all || selection.names.length > 0 || selection.onObjects.length > 0;
    const inventory = await readAutomation(input.target, input.objects, anyKind ? undefined : selection.kinds);
    plan = planSwitch(inventory, selection, input.targetName);
  }
  if (input.continued) plan = mergedWithJournal(plan, input.continued.items);
  return {
    run: { control: new AutomationSwitch(input.target, input.onEvent, { production: input.production }), requested, items: plan.items },
    used: { requested, items: plan.items, warnings: plan.warnings },
  };
}
