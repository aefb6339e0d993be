import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { listSyncDates, type SyncDateEntry } from '../../lib/delta/lastSyncDates.js';
import { journalDirFlag } from '../../commandSupport/orgFlags.js';
import { journalRoot } from '../../lib/journal/paths.js';
import { RunStore } from '../../lib/journal/runStore.js';
import { historyRows, listRuns, type RunHistoryEntry } from '../../lib/report/runHistory.js';

import { warnAutomationLeftOff } from '../../commandSupport/automationUsed.js';
Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.runs');

/** The runs, newest first. */
export type RunsResult = RunHistoryEntry[];
/** `--sync-dates`: each object's last sync date per template and org pair. */
export type SyncDatesResult = SyncDateEntry[];

export default class Runs extends SfCommand<RunsResult | SyncDatesResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'journal-dir': journalDirFlag,
    'sync-dates': Flags.boolean({ summary: messages.getMessage('flags.sync-dates.summary') }),
  };

  public async run(): Promise<RunsResult | SyncDatesResult> {
    const { flags } = await this.parse(Runs);
    warnAutomationLeftOff(this, flags['journal-dir']);
    const store = new RunStore(journalRoot(flags['journal-dir']));
    if (flags['sync-dates']) return this.syncDates(store);
    const runs = listRuns(store);
    // A damaged run is listed (state `damaged`) so that it does not hide the others; the warning says why.
    for (const run of runs) if (run.damage) this.warn(run.damage);
    if (runs.length === 0) this.log(messages.getMessage('info.noRuns', [store.root]));
    else {
      this.log(messages.getMessage('info.folder', [store.root]));
      this.table({ data: historyRows(runs) });
    }
    return runs;
  }

  private syncDates(store: RunStore): SyncDateEntry[] {
    const dates = listSyncDates(store);
    if (dates.length === 0) this.log(messages.getMessage('info.noSyncDates', [store.root]));
    else this.table({ data: dates, columns: ['template', 'source', 'target', 'object', 'lastSyncAt', 'nextDeltaFrom', 'runId'] });
    return dates;
  }
}
