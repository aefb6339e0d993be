import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { HistoryLoad } from '../lib/history/loadHistory.js';
import type { SyncTemplate } from '../lib/template/syncTemplate.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.run');

/** What a run knew of earlier runs between its two orgs (`--json`: `history`). */
export type HistoryUsed = {
  /** Source records an earlier run (or an imported map) mapped to a target record. */
  mappings: number;
  /** Id map segments read: one per earlier run, one per import. */
  segments: number;
  /** No earlier run between these two orgs: objects matched by history are inserted, and remembered. */
  firstRun: boolean;
  /** The template's objects matched by history. */
  objects: string[];
};

/**
 * Tells the user, when the template matches objects by history, what the run knows of earlier runs: on a first
 * run, that their records are inserted and remembered for the next run (a missing map is not an error).
 */
export function reportHistory(command: SfCommand<unknown>, template: SyncTemplate, history: HistoryLoad): HistoryUsed {
  const objects = template.objects.filter((object) => object.history).map((object) => object.name);
  if (objects.length > 0) {
    const names = objects.join(', ');
    command.log(
      history.firstRun ? messages.getMessage('info.historyFirstRun', [names]) : messages.getMessage('info.history', [history.map.size, history.segments, names])
    );
  }
  return { mappings: history.map.size, segments: history.segments, firstRun: history.firstRun, objects };
}
