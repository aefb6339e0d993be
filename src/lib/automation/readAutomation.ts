import type { OrgApi } from '../api/orgApi.js';
import { AUTOMATION_KINDS, type AutomationItem, type AutomationKind } from './automationTypes.js';
import { readFlows } from './kinds/flows.js';
import { readDuplicateRules, readWorkflowRules } from './kinds/metadataRules.js';
import { readProcessBuilders } from './kinds/processBuilders.js';
import { readTriggers } from './kinds/triggers.js';
import { readValidationRules } from './kinds/validationRules.js';

type KindReader = (api: OrgApi, objects: readonly string[]) => Promise<AutomationItem[]>;

/** Record-triggered flows and Process Builder processes: both are flows, switched the same way. */
const readFlowsAndProcesses: KindReader = async (api, objects) => (await Promise.all([readFlows(api, objects), readProcessBuilders(api, objects)])).flat();

const READERS: Record<AutomationKind, KindReader> = {
  'validation-rules': readValidationRules,
  flows: readFlowsAndProcesses,
  triggers: readTriggers,
  'duplicate-rules': readDuplicateRules,
  'workflow-rules': readWorkflowRules,
};

/** A kind the org would not list (no permission, an API it does not have), with its answer. */
export type UnreadableKind = { kind: AutomationKind; message: string };

export type AutomationInventory = {
  /** In the objects' order, then by kind and name. */
  items: AutomationItem[];
  unreadable: UnreadableKind[];
};

/**
 * The automation an org runs on the objects, every kind read side by side. A kind the org refuses to list is
 * reported, not fatal: the others still show, and switching that kind is refused (see planSwitch).
 */
export async function readAutomation(api: OrgApi, objects: readonly string[], kinds: readonly AutomationKind[] = AUTOMATION_KINDS): Promise<AutomationInventory> {
  const unreadable: UnreadableKind[] = [];
  const read = await Promise.all(
    kinds.map((kind) =>
      READERS[kind](api, objects).catch((error: unknown) => {
        unreadable.push({ kind, message: error instanceof Error ? error.message : String(error) });
        return [];
      })
    )
  );
  const position = (item: AutomationItem): number => objects.indexOf(item.object);
  const items = read
    .flat()
    .sort((a, b) => position(a) - position(b) || AUTOMATION_KINDS.indexOf(a.kind) - AUTOMATION_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name));
  return { items, unreadable };
}
