import pLimit from 'p-limit';
import type { OrgApi } from '../api/orgApi.js';
import type { RunAutomation, SwitchedItem } from './automationTypes.js';
import { switchFlow } from './kinds/flows.js';
import { switchValidationRule } from './kinds/validationRules.js';
import { switchMetadataComponent } from './kinds/metadataSwitch.js';

/** The slice of a run journal the switch writes: run.json, saved whole (write then rename) on every change. */
export type AutomationJournal = { meta: { automation?: RunAutomation }; saveMeta(): void };

/** What the switch tells the run's listener (progress, summary). */
export type AutomationEvent =
  | { type: 'automationOff'; items: SwitchedItem[] }
  | { type: 'automationRestored'; restored: SwitchedItem[]; failed: SwitchedItem[] };

/** Tooling updates at once: few items, and each one is a metadata change the org serialises anyway. */
const SWITCHES_IN_FLIGHT = 4;

/**
 * Switches a run's automation off before its first write and back on after its last, journaled so that a run
 * killed in between is restored by whatever touches it next (resume, retry, rollback, `automation restore`).
 *
 * Every item is written to run.json as `switching-off` before any request leaves, so the journal never holds
 * less than what the org has off; switching back on reads the item first and changes nothing that already is
 * on. Only items that were active are ever switched, so restoring can never switch on one that was off.
 */
export class AutomationSwitch {
  public constructor(
    private readonly api: OrgApi,
    private readonly onEvent: (event: AutomationEvent) => void = () => undefined
  ) {}

  public async switchOff(journal: AutomationJournal, requested: string[], items: readonly SwitchedItem[]): Promise<void> {
    if (items.length === 0) return;
    const entries: SwitchedItem[] = items.map(({ restoreError: _error, ...item }) => ({ ...item, state: 'switching-off' }));
    const kept = (journal.meta.automation?.items ?? []).filter((item) => !entries.some((entry) => entry.id === item.id));
    journal.meta.automation = { requested, items: [...kept, ...entries] };
    journal.saveMeta();
    const limit = pLimit(SWITCHES_IN_FLIGHT);
    try {
      await Promise.all(
        entries.map((entry) =>
          limit(async () => {
            await setActive(this.api, entry, false);
            entry.state = 'off';
          })
        )
      );
    } finally {
      journal.saveMeta();
    }
    this.onEvent({ type: 'automationOff', items: entries });
  }

  /**
   * Switches back on every item the run left off. An item that fails stays journaled as off with its error
   * (shown by `runs`, `report`, every command's warning, and `automation restore`); the others are restored.
   */
  public async restore(journal: AutomationJournal): Promise<{ restored: SwitchedItem[]; failed: SwitchedItem[] }> {
    const left = (journal.meta.automation?.items ?? []).filter((item) => item.state !== 'restored');
    if (left.length === 0) return { restored: [], failed: [] };
    const limit = pLimit(SWITCHES_IN_FLIGHT);
    await Promise.all(
      left.map((item) =>
        limit(async () => {
          try {
            await setActive(this.api, item, true);
            item.state = 'restored';
            delete item.restoreError;
          } catch (error) {
            item.restoreError = error instanceof Error ? error.message : String(error);
          }
        })
      )
    );
    journal.saveMeta();
    const outcome = { restored: left.filter((item) => item.state === 'restored'), failed: left.filter((item) => item.state !== 'restored') };
    this.onEvent({ type: 'automationRestored', ...outcome });
    return outcome;
  }
}

async function setActive(api: OrgApi, item: SwitchedItem, active: boolean): Promise<void> {
  switch (item.kind) {
    case 'validation-rules':
      await switchValidationRule(api, item.id, active);
      return;
    case 'flows':
      if (active && !item.activeVersion) throw new Error(`The journal does not say which version of flow ${item.name} was active.`);
      await switchFlow(api, item.id, active ? item.activeVersion! : 0);
      return;
    case 'duplicate-rules':
    case 'workflow-rules':
      await switchMetadataComponent(api, item.kind, item.name, active);
      return;
    default:
      throw new Error(`sf isync cannot switch ${item.kind}.`);
  }
}
