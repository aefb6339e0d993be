import { Messages } from '@salesforce/core';
import { AUTOMATION_KINDS, type AutomationItem, type AutomationKind, type SwitchedItem } from './automationTypes.js';
import type { AutomationInventory } from './readAutomation.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.automation');

/** What `--disable-automation` (or template `options.disableAutomation`) asks for. */
export type AutomationSelection = {
  /** As given, for the journal and the messages. */
  requested: string[];
  /** `all`: every kind; what cannot be switched (managed items) is listed as a warning, not refused. */
  all: boolean;
  kinds: AutomationKind[];
  /** Items by name (`Account.Rule_Name`, a flow's API name, a trigger's name). */
  names: string[];
  /** Kinds on one object only: `Account:validation-rules`, `Account:all`. */
  onObjects: Array<{ object: string; kinds: AutomationKind[] }>;
};

/** `validation-rules,flows`, `all`, item names, `Object:kind` or `Object:all`; they may be mixed. */
export function selectionOf(values: readonly string[]): AutomationSelection | undefined {
  const requested = values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  if (requested.length === 0) return undefined;
  const all = requested.includes('all');
  const isKind = (value: string): value is AutomationKind => (AUTOMATION_KINDS as readonly string[]).includes(value);
  const kinds = all ? [...AUTOMATION_KINDS] : AUTOMATION_KINDS.filter((kind) => requested.includes(kind));
  const onObjects = requested.filter((value) => value.includes(':')).map((value) => {
    const [object, kind] = value.split(':', 2);
    if (kind !== 'all' && !isKind(kind)) throw messages.createError('error.UnknownAutomationKind', [value, AUTOMATION_KINDS.join(', ')]);
    return { object, kinds: kind === 'all' ? [...AUTOMATION_KINDS] : [kind] };
  });
  const names = requested.filter((value) => value !== 'all' && !isKind(value) && !value.includes(':'));
  return { requested, all, kinds, names, onObjects };
}

function selects(selection: AutomationSelection, item: AutomationItem): boolean {
  return (
    selection.kinds.includes(item.kind) ||
    selection.names.includes(item.name) ||
    selection.onObjects.some((entry) => entry.object.toLowerCase() === item.object.toLowerCase() && entry.kinds.includes(item.kind))
  );
}

export type SwitchPlan = {
  /** Active items to switch off, with what switching them back on needs. */
  items: SwitchedItem[];
  /** Managed items the selection's kinds take in: they stay on. */
  warnings: string[];
};

/**
 * The active items the selection names. Refused before anything is switched: a name that matches nothing, an
 * item of a managed package asked for by name, a kind the org would not list. Managed items of a kind asked
 * for, or of everything (`all`, `Object:all`), stay on and are listed as warnings.
 */
export function planSwitch(inventory: AutomationInventory, selection: AutomationSelection, orgName: string): SwitchPlan {
  for (const name of selection.names) {
    if (!inventory.items.some((item) => item.name === name)) throw messages.createError('error.UnknownAutomation', [name, orgName, AUTOMATION_KINDS.join(', ')], [orgName]);
  }
  const unreadable = inventory.unreadable.find((entry) => selection.kinds.includes(entry.kind) || selection.onObjects.some((on) => on.kinds.includes(entry.kind)));
  if (unreadable) throw messages.createError('error.AutomationUnreadable', [unreadable.kind, orgName, unreadable.message]);
  const chosen = inventory.items.filter((item) => item.active && selects(selection, item));
  const warnings: string[] = [];
  const items: SwitchedItem[] = [];
  for (const item of chosen) {
    if (item.switchable !== 'managed') items.push(switched(item));
    // Named, it was meant: refused. Among its kind it stays on (most orgs have some managed automation).
    else if (selection.names.includes(item.name)) throw cannotSwitch(item);
    else warnings.push(cannotSwitch(item).message);
  }
  return { items, warnings };
}

function cannotSwitch(item: AutomationItem): Error {
  return messages.createError('error.ManagedAutomation', [item.name, item.kind, item.namespace ?? '']);
}

function switched(item: AutomationItem): SwitchedItem {
  return { kind: item.kind, object: item.object, name: item.name, id: item.id, state: 'switching-off', ...(item.activeVersion ? { activeVersion: item.activeVersion } : {}) };
}

/**
 * A continued run's items: those it switched off and has not switched back on (off now, so the org shows them
 * inactive: their journaled state is what counts), then those the selection finds active now. An item an
 * earlier attempt switched back on that is inactive now was switched off by someone else: it is left alone.
 */
export function mergedWithJournal(plan: SwitchPlan, journaled: readonly SwitchedItem[]): SwitchPlan {
  const byId = new Map(journaled.filter((item) => item.state !== 'restored').map((item) => [item.id, { ...item }]));
  for (const item of plan.items) if (!byId.has(item.id)) byId.set(item.id, item);
  return { items: [...byId.values()], warnings: plan.warnings };
}
