import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { journalDirFlag, sourceOrgFlag, targetOrgFlag } from '../../shared/orgFlags.js';
import { objectNames, objectsFlag } from '../../shared/objectsFlag.js';
import { DEFAULT_API_BUDGET, syncFromFlags, type SyncCommandResult } from '../../shared/syncFromFlags.js';
import { continueRun, type ContinueResult } from '../../shared/continueRun.js';
import { renderRunSummary, runExitCode } from '../../shared/runSummary.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.execute');

export type ExecuteResult = SyncCommandResult | ContinueResult;

export default class Execute extends SfCommand<ExecuteResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    // Required unless --resume, which takes the orgs from the run's journal (checked in run()).
    'source-org': sourceOrgFlag({ required: false, exclusive: ['resume'] }),
    'target-org': targetOrgFlag({ summary: messages.getMessage('flags.target-org.summary'), exclusive: ['resume'] }),
    template: Flags.file({
      char: 't',
      summary: messages.getMessage('flags.template.summary'),
      exactlyOne: ['template', 'objects', 'resume'],
    }),
    objects: objectsFlag({
      summary: messages.getMessage('flags.objects.summary'),
      exactlyOne: ['template', 'objects', 'resume'],
    }),
    resume: Flags.boolean({
      summary: messages.getMessage('flags.resume.summary'),
      description: messages.getMessage('flags.resume.description'),
      exactlyOne: ['template', 'objects', 'resume'],
      exclusive: ['dry-run'],
    }),
    // Only with --resume (checked in run(): oclif's dependsOn misreads boolean flags).
    'run-id': Flags.string({ char: 'r', summary: messages.getMessage('flags.run-id.summary') }),
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
    if (flags['run-id'] && !flags.resume) throw messages.createError('error.RunIdNeedsResume', [flags['run-id']]);
    const result = flags.resume ? await this.resume(flags['run-id'], flags['journal-dir'], flags.concurrency) : await syncFromFlags(this, {
      command: 'execute',
      sourceOrg: required(flags['source-org'], 'source-org'),
      targetOrg: required(flags['target-org'], 'target-org'),
      templateFile: flags.template,
      objects: objectNames(flags.objects),
      dryRun: flags['dry-run'],
      stopOnError: flags['stop-on-error'] ? true : flags['continue-on-error'] ? false : undefined,
      concurrency: flags.concurrency,
      apiBudget: flags['api-budget'],
      journalDir: flags['journal-dir'],
      confirmProduction: flags['confirm-production'],
    });
    if ('nothingToDo' in result && result.nothingToDo) return result;
    const retry = result.state === 'synced' ? '' : messages.getMessage('info.nextRetry', [result.runId]);
    const stopped = ['paused', 'failed', 'aborted'].includes(result.state) ? messages.getMessage('info.nextResume', [result.runId]) : '';
    const next = messages.getMessage('info.next', [result.runId, retry + messages.getMessage('info.nextRollback', [result.runId]) + stopped]);
    renderRunSummary(this, result, messages, next);
    process.exitCode = runExitCode(result.state);
    return result;
  }

  private resume(runId: string | undefined, journalDir: string | undefined, concurrency: number | undefined): Promise<ContinueResult> {
    return continueRun(this, {
      runId,
      journalDir,
      concurrency,
      resume: true,
      onLatest: (id) => this.log(messages.getMessage('info.resumingLatest', [id])),
      onNothingToDo: (id) => this.log(messages.getMessage('info.nothingToResume', [id])),
    });
  }
}

function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined) throw messages.createError('error.MissingFlag', [flag], [flag]);
  return value;
}
