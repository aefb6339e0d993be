import pLimit from 'p-limit';
import { DEFAULT_DEPLOY_POLL, type DeployPollOptions } from '../api/metadataDeploy.js';
import type { OrgApi } from '../api/orgApi.js';
import { orgEdition } from '../api/orgEdition.js';
import type { RunAutomation, SwitchedItem } from './automationTypes.js';
import { switchFlow } from './kinds/flows.js';
import { type EarlierDeploys, settleDeploys, switchTriggers, triggerTestLevel } from './kinds/triggers.js';
import { switchValidationRule } from './kinds/validationRules.js';
import { switchMetadataComponent } from './kinds/metadataSwitch.js';

/** The slice of a run journal the switch writes: run.json, saved whole (write then rename) on every change. */
export type AutomationJournal = { meta: { automation?: RunAutomation }; saveMeta(): void };

/** What the switch tells the run's listener (progress, summary). */
export type AutomationEvent =
  | { type: 'automationOff'; items: SwitchedItem[] }
  | { type: 'automationRestored'; restored: SwitchedItem[]; failed: SwitchedItem[] };

export type AutomationSwitchOptions = {
  /** Whether the org is a production org (trigger deploys run its local tests there); asked of the org if not said. */
  production?: boolean;
  /** How trigger deploys are polled. */
  deployPoll?: DeployPollOptions;
};

/** Tooling updates at once: few items, and each one is a metadata change the org serialises anyway. */
const SWITCHES_IN_FLIGHT = 4;

/**
 * Switches a run's automation off before its first write and back on after its last, journaled so that a run
 * killed in between is restored by whatever touches it next (resume, retry, rollback, `automation restore`).
 *
 * Every item is written to run.json as `switching-off` before any request leaves, so the journal never holds
 * less than what the org has off; switching back on reads the item first and changes nothing that already is
 * on. Only items that were active are ever switched, so restoring can never switch on one that was off.
 *
 * Triggers are switched together, by one Metadata deploy each way (in production, one run of the org's tests
 * rather than one per trigger); the deploy's id is journaled on each of them before it is awaited.
 */
export class AutomationSwitch {
  private production?: Promise<boolean>;

  public constructor(
    private readonly api: OrgApi,
    private readonly onEvent: (event: AutomationEvent) => void = () => undefined,
    private readonly options: AutomationSwitchOptions = {}
  ) {}

  public async switchOff(journal: AutomationJournal, requested: string[], items: readonly SwitchedItem[]): Promise<void> {
    if (items.length === 0) return;
    const entries: SwitchedItem[] = items.map(({ restoreError: _error, ...item }) => ({ ...item, state: 'switching-off' }));
    const kept = (journal.meta.automation?.items ?? []).filter((item) => !entries.some((entry) => entry.id === item.id));
    journal.meta.automation = { requested, items: [...kept, ...entries] };
    journal.saveMeta();
    try {
      await this.inGroups(entries, async (group) => {
        await this.setActive(journal, group, false);
        for (const entry of group) entry.state = 'off';
      });
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
    await this.inGroups(left, async (group) => {
      try {
        await this.setActive(journal, group, true);
        for (const item of group) {
          item.state = 'restored';
          delete item.restoreError;
          delete item.deployId;
          delete item.deployRequestedAt;
        }
      } catch (error) {
        for (const item of group) item.restoreError = error instanceof Error ? error.message : String(error);
      }
    });
    journal.saveMeta();
    const outcome = { restored: left.filter((item) => item.state === 'restored'), failed: left.filter((item) => item.state !== 'restored') };
    this.onEvent({ type: 'automationRestored', ...outcome });
    return outcome;
  }

  /** Every trigger in one group (one deploy), every other item in a group of its own; a few groups at a time. */
  private async inGroups(items: SwitchedItem[], run: (group: SwitchedItem[]) => Promise<void>): Promise<void> {
    const triggers = items.filter((item) => item.kind === 'triggers');
    const groups = [...items.filter((item) => item.kind !== 'triggers').map((item) => [item]), ...(triggers.length > 0 ? [triggers] : [])];
    const limit = pLimit(SWITCHES_IN_FLIGHT);
    await Promise.all(groups.map((group) => limit(() => run(group))));
  }

  private async setActive(journal: AutomationJournal, group: SwitchedItem[], active: boolean): Promise<void> {
    if (group[0].kind !== 'triggers') return setActive(this.api, group[0], active);
    const poll = this.options.deployPoll ?? DEFAULT_DEPLOY_POLL;
    // A deploy journaled by an earlier process may still be running: what it does must be done before the
    // triggers are read, or a late 'off' would undo this restore.
    await settleDeploys(this.api, earlierDeploys(group), poll);
    await switchTriggers(
      this.api,
      group.map((item) => item.id),
      active,
      {
        testLevel: triggerTestLevel(await this.isProduction()),
        onRequesting: (at) => {
          for (const item of group) {
            item.deployRequestedAt = at;
            delete item.deployId;
          }
          journal.saveMeta();
        },
        onStarted: (deployId) => {
          for (const item of group) item.deployId = deployId;
          journal.saveMeta();
        },
        poll,
      }
    );
  }

  private isProduction(): Promise<boolean> {
    this.production ??= this.options.production !== undefined ? Promise.resolve(this.options.production) : orgEdition(this.api).then((edition) => edition.isProduction);
    return this.production;
  }
}

/** The deploys the journal knows the triggers were switched by: ids, and a request whose id never came back. */
function earlierDeploys(group: readonly SwitchedItem[]): EarlierDeploys {
  const lost = group.find((item) => item.deployRequestedAt !== undefined && item.deployId === undefined);
  return { ids: group.flatMap((item) => (item.deployId ? [item.deployId] : [])), ...(lost ? { requestedWithoutId: lost.deployRequestedAt } : {}) };
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
