import { itemsLeftOff, type SwitchedItem } from '../automation/automationTypes.js';
import type { RunStore } from '../journal/runStore.js';

export type RunWithAutomationOff = { runId: string; target: string; items: SwitchedItem[] };

/**
 * The runs whose journal says they switched automation off in their target and did not switch it back on (a
 * process killed mid-run, a restore that failed). Damaged run files are skipped here: `runs` reports them.
 */
export function runsWithAutomationOff(store: RunStore): RunWithAutomationOff[] {
  const found: RunWithAutomationOff[] = [];
  for (const runId of store.list()) {
    let meta;
    try {
      meta = store.open(runId).meta;
    } catch {
      continue;
    }
    const items = itemsLeftOff(meta.automation);
    if (items.length > 0) found.push({ runId, target: meta.target.username, items });
  }
  return found;
}
