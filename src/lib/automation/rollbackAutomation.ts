import type { OrgApi } from '../api/orgApi.js';
import { itemsLeftOff, type RunAutomation, type SwitchedItem } from './automationTypes.js';
import { readAutomation } from './readAutomation.js';

/**
 * What a rollback switches off for its own writes, since the run did: what the run still has off, and what it
 * switched back on that is active now. An item the run restored that is inactive now was switched off by
 * someone since: it is left alone, so that restoring after the rollback cannot switch it on.
 */
export async function itemsForRollback(api: OrgApi, automation: RunAutomation | undefined): Promise<SwitchedItem[]> {
  if (!automation) return [];
  const leftOff = itemsLeftOff(automation);
  const restored = automation.items.filter((item) => item.state === 'restored');
  if (restored.length === 0) return leftOff;
  const inventory = await readAutomation(
    api,
    [...new Set(restored.map((item) => item.object))],
    [...new Set(restored.map((item) => item.kind))]
  );
  const activeNow = new Map(inventory.items.filter((item) => item.active).map((item) => [item.id, item]));
  const again = restored.filter((item) => activeNow.has(item.id)).map((item) => ({ ...item, activeVersion: activeNow.get(item.id)?.activeVersion ?? item.activeVersion }));
  return [...leftOff, ...again];
}
