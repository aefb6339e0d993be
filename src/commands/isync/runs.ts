import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { journalDirFlag } from '../../commandSupport/orgFlags.js';
import { journalRoot } from '../../lib/journal/paths.js';
import { RunStore } from '../../lib/journal/runStore.js';
import { historyRows, listRuns, type RunHistoryEntry } from '../../lib/report/runHistory.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.runs');

export type RunsResult = RunHistoryEntry[];

export default class Runs extends SfCommand<RunsResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'journal-dir': journalDirFlag,
  };

  public async run(): Promise<RunsResult> {
    const { flags } = await this.parse(Runs);
    const store = new RunStore(journalRoot(flags['journal-dir']));
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
}
