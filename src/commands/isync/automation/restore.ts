import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { journalDirFlag } from '../../../commandSupport/orgFlags.js';
import { orgApiFor } from '../../../lib/api/httpOrgApi.js';
import { AutomationSwitch } from '../../../lib/automation/automationSwitch.js';
import type { SwitchedItem } from '../../../lib/automation/automationTypes.js';
import { journalRoot } from '../../../lib/journal/paths.js';
import { RunStore } from '../../../lib/journal/runStore.js';
import { runsWithAutomationOff } from '../../../lib/report/automationLeftOff.js';
import { orgOfRun } from '../../../lib/retry/retryGuard.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.automation');

export type AutomationRestoreResult = {
  runs: Array<{ runId: string; target: string; restored: SwitchedItem[]; failed: SwitchedItem[] }>;
};

export default class AutomationRestore extends SfCommand<AutomationRestoreResult> {
  public static readonly summary = messages.getMessage('restore.summary');
  public static readonly description = messages.getMessage('restore.description');
  public static readonly examples = messages.getMessages('restore.examples');

  public static readonly flags = {
    'run-id': Flags.string({ char: 'r', summary: messages.getMessage('flags.run-id.summary') }),
    'journal-dir': journalDirFlag,
    'api-version': Flags.orgApiVersion(),
  };

  public async run(): Promise<AutomationRestoreResult> {
    const { flags } = await this.parse(AutomationRestore);
    const store = new RunStore(journalRoot(flags['journal-dir']));
    const runs = runsWithAutomationOff(store).filter((run) => !flags['run-id'] || run.runId === flags['run-id']);
    if (flags['run-id']) store.open(flags['run-id']); // an unknown run id is refused with the journal's own error
    if (runs.length === 0) this.log(messages.getMessage('info.nothingLeftOff', [store.root]));
    const result: AutomationRestoreResult = { runs: [] };
    for (const run of runs) {
      const journal = store.open(run.runId);
      const org = await orgOfRun(journal.meta, 'target');
      const outcome = await new AutomationSwitch(orgApiFor(org.getConnection(flags['api-version']))).restore(journal);
      if (outcome.restored.length > 0) this.log(messages.getMessage('info.restored', [run.runId, outcome.restored.map((item) => item.name).join(', ')]));
      result.runs.push({ runId: run.runId, target: run.target, ...outcome });
    }
    const failed = result.runs.flatMap((run) => run.failed);
    if (failed.length > 0) {
      throw messages.createError('error.RestoreFailed', [failed.length, failed.map((item) => `${item.name}: ${item.restoreError ?? ''}`).join('; ')]);
    }
    return result;
  }
}
