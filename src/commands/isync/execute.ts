import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { journalDirFlag, sourceOrgFlag, targetOrgFlag } from '../../shared/orgFlags.js';
import { DEFAULT_API_BUDGET, syncFromFlags, type SyncCommandResult } from '../../shared/syncFromFlags.js';
import { renderRunSummary, runExitCode } from '../../shared/runSummary.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.execute');

export type ExecuteResult = SyncCommandResult;

export default class Execute extends SfCommand<ExecuteResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'source-org': sourceOrgFlag({ required: true }),
    'target-org': targetOrgFlag({ required: true, summary: messages.getMessage('flags.target-org.summary') }),
    template: Flags.file({
      char: 't',
      summary: messages.getMessage('flags.template.summary'),
      exists: true,
      exactlyOne: ['template', 'objects'],
    }),
    objects: Flags.string({
      summary: messages.getMessage('flags.objects.summary'),
      multiple: true,
      delimiter: ',',
      exactlyOne: ['template', 'objects'],
    }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') }),
    'continue-on-error': Flags.boolean({
      summary: messages.getMessage('flags.continue-on-error.summary'),
      exclusive: ['stop-on-error'],
    }),
    'stop-on-error': Flags.boolean({
      summary: messages.getMessage('flags.stop-on-error.summary'),
      exclusive: ['continue-on-error'],
    }),
    // No default on purpose: without the flag, the template's `options.concurrency` applies.
    // eslint-disable-next-line sf-plugin/flag-min-max-default
    concurrency: Flags.integer({ summary: messages.getMessage('flags.concurrency.summary'), min: 1, max: 25 }),
    'api-budget': Flags.integer({
      summary: messages.getMessage('flags.api-budget.summary'),
      min: 1,
      max: 100,
      default: DEFAULT_API_BUDGET,
    }),
    'confirm-production': Flags.boolean({ summary: messages.getMessage('flags.confirm-production.summary') }),
    'journal-dir': journalDirFlag,
  };

  public async run(): Promise<ExecuteResult> {
    const { flags } = await this.parse(Execute);
    const result = await syncFromFlags(this, {
      command: 'execute',
      sourceOrg: flags['source-org'],
      targetOrg: flags['target-org'],
      templateFile: flags.template,
      objects: flags.objects,
      dryRun: flags['dry-run'],
      stopOnError: flags['stop-on-error'] ? true : flags['continue-on-error'] ? false : undefined,
      concurrency: flags.concurrency,
      apiBudget: flags['api-budget'],
      journalDir: flags['journal-dir'],
      confirmProduction: flags['confirm-production'],
    });
    const retry = result.state === 'synced' ? '' : messages.getMessage('info.nextRetry', [result.runId]);
    const next = messages.getMessage('info.next', [result.runId, retry + messages.getMessage('info.nextRollback', [result.runId])]);
    renderRunSummary(this, result, messages, next);
    process.exitCode = runExitCode(result.state);
    return result;
  }
}
