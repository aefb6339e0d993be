import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import { journalRoot } from '../lib/journal/paths.js';
import { RunStore } from '../lib/journal/runStore.js';
import { runsWithAutomationOff } from '../lib/report/automationLeftOff.js';
import type { AutomationUsed } from '../lib/run/automationSetup.js';
import type { SyncRunResult } from '../lib/run/syncRunTypes.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.automation');

/** The info line before a run: what it switches off (a scan or dry run: what it would). */
export function reportAutomation(command: SfCommand<unknown>, used: AutomationUsed, dryRun: boolean): void {
  if (used.items.length === 0) {
    command.info(`--disable-automation ${used.requested.join(',')}: nothing active to switch off in the target.`);
    return;
  }
  const names = used.items.map((item) => `${item.name} (${item.kind})`).join(', ');
  command.info(dryRun ? `The run would switch off, and back on after it: ${names}.` : `Switched off for the run, and back on after it: ${names}.`);
}

/** After a run: what it could not switch back on. */
export function warnLeftOff(command: SfCommand<unknown>, result: SyncRunResult): void {
  const left = result.automation?.leftOff ?? [];
  if (left.length === 0) return;
  command.warn(messages.getMessage('warning.LeftOff', [result.runId, left.length, 'its target org', left.map((item) => item.name).join(', '), result.runId]));
}

/**
 * Every command's warning while a run has automation off in an org (a run killed mid-way): the org runs
 * without its validation rules or flows until something switches them back on.
 */
export function warnAutomationLeftOff(command: SfCommand<unknown>, journalDir: string | undefined): void {
  let runs;
  try {
    runs = runsWithAutomationOff(new RunStore(journalRoot(journalDir)));
  } catch {
    return;
  }
  for (const run of runs) {
    command.warn(messages.getMessage('warning.LeftOff', [run.runId, run.items.length, run.target, run.items.map((item) => item.name).join(', '), run.runId]));
  }
}
