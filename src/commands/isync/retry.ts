import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { journalRoot } from '../../lib/journal/paths.js';
import { RunStore } from '../../lib/journal/runStore.js';
import { selectRun } from '../../lib/journal/selectRun.js';
import { assertRetryable, orgOfRun, templateOfRun } from '../../lib/retry/retryGuard.js';
import { readRetryScope } from '../../lib/retry/retryScope.js';
import { journalDirFlag } from '../../shared/orgFlags.js';
import { renderRunSummary, runExitCode } from '../../shared/runSummary.js';
import { syncFromFlags, type SyncCommandResult } from '../../shared/syncFromFlags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.retry');

export type RetryResult = SyncCommandResult & { retried: { records: number; objects: string[] } };

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
    const { journal, latest } = selectRun(new RunStore(journalRoot(flags['journal-dir'])), flags['run-id']);
    if (latest) this.log(messages.getMessage('info.latestRun', [journal.meta.runId]));
    assertRetryable(journal.meta);
    const scope = await readRetryScope(journal);
    const records = [...scope.failed.values()].reduce((sum, ids) => sum + ids.length, 0);
    const objects = [...new Set([...scope.unfinished, ...scope.failed.keys()])];
    if (objects.length === 0 && scope.deferred.length === 0) this.log(messages.getMessage('info.nothingToRetry', [journal.meta.runId]));
    const result = await syncFromFlags(this, {
      command: 'retry',
      sourceOrg: await orgOfRun(journal.meta, 'source'),
      targetOrg: await orgOfRun(journal.meta, 'target'),
      file: templateOfRun(journal.meta),
      continueRun: { journal, scope },
      dryRun: false,
      concurrency: flags.concurrency,
      journalDir: flags['journal-dir'],
      // The run was allowed to write to this org when it started.
      confirmProduction: true,
    });
    const retry = result.state === 'synced' ? '' : messages.getMessage('info.nextRetry', [result.runId]);
    renderRunSummary(this, result, messages, messages.getMessage('info.next', [result.runId, retry]));
    process.exitCode = runExitCode(result.state);
    return { ...result, retried: { records, objects } };
  }
}
