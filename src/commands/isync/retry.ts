import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { continueRun, type ContinueResult } from '../../commandSupport/continueRun.js';
import { journalDirFlag } from '../../commandSupport/orgFlags.js';
import { renderRunSummary, runExitCode } from '../../commandSupport/runSummary.js';

import { warnAutomationLeftOff } from '../../commandSupport/automationUsed.js';
Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.retry');

export type RetryResult = ContinueResult;

export default class Retry extends SfCommand<RetryResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'run-id': Flags.string({ char: 'r', summary: messages.getMessage('flags.run-id.summary') }),
    // No default on purpose: without the flag, the template's `options.concurrency` applies.
    // eslint-disable-next-line sf-plugin/flag-min-max-default
    concurrency: Flags.integer({ summary: messages.getMessage('flags.concurrency.summary'), min: 1, max: 25 }),
    'journal-dir': journalDirFlag,
  };

  public async run(): Promise<RetryResult> {
    const { flags } = await this.parse(Retry);
    warnAutomationLeftOff(this, flags['journal-dir']);
    const result = await continueRun(this, {
      runId: flags['run-id'],
      journalDir: flags['journal-dir'],
      concurrency: flags.concurrency,
      resume: false,
      onLatest: (runId) => this.log(messages.getMessage('info.latestRun', [runId])),
      onNothingToDo: (runId) => this.log(messages.getMessage('info.nothingToRetry', [runId])),
    });
    if (result.nothingToDo) return result;
    const retry = result.state === 'synced' ? '' : messages.getMessage('info.nextRetry', [result.runId]);
    renderRunSummary(this, result, messages, messages.getMessage('info.next', [result.runId, retry]));
    process.exitCode = runExitCode(result.state);
    return result;
  }
}
