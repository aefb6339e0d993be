import { Messages } from '@salesforce/core';
import type { Interfaces } from '@oclif/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { journalRoot } from '../../lib/journal/paths.js';
import { BAD_COMMAND_LINE_EXIT } from '../../commandSupport/exitCodes.js';
import { syncTypeFlags, syncTypeOf } from '../../commandSupport/syncTypeFlags.js';
import { journalDirFlag, orgsOfFlags, sourceOrgFlag, targetOrgFlag } from '../../commandSupport/orgFlags.js';
import { objectNames, objectsFlag } from '../../commandSupport/objectsFlag.js';
import { DEFAULT_API_BUDGET, syncFromFlags, type SyncCommandResult } from '../../commandSupport/syncFromFlags.js';
import { continueRun, type ContinueResult } from '../../commandSupport/continueRun.js';
import { renderRunSummary, runExitCode } from '../../commandSupport/runSummary.js';
import { disableAutomationFlag } from '../../commandSupport/automationFlag.js';
import { warnAutomationLeftOff } from '../../commandSupport/automationUsed.js';

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
    ...syncTypeFlags,
    'disable-automation': disableAutomationFlag,
  };

  public async run(): Promise<ExecuteResult> {
    const { flags } = await this.parse(Execute);
    warnAutomationLeftOff(this, flags['journal-dir']);
    if (flags['run-id'] && !flags.resume) throw messages.createError('error.RunIdNeedsResume', [flags['run-id']], [], BAD_COMMAND_LINE_EXIT);
    // A resume reads as the run's first attempt did: its sync type and bounds are in its journal.
    const syncTypeFlag = (['sync-type', 'since', 'include-deleted', 'disable-automation'] as const).find((name) => flags[name] !== undefined);
    if (flags.resume && syncTypeFlag) throw messages.createError('error.SyncTypeWithResume', [syncTypeFlag], [syncTypeFlag], BAD_COMMAND_LINE_EXIT);
    const result = flags.resume ? await this.resume(flags['run-id'], flags['journal-dir'], flags.concurrency) : await this.sync(flags);
    if ('nothingToDo' in result && result.nothingToDo) return result;
    renderRunSummary(this, result, messages, nextSteps(result, flags['dry-run']));
    process.exitCode = runExitCode(result.state);
    return result;
  }

  private async sync(flags: Interfaces.InferredFlags<typeof Execute.flags>): Promise<SyncCommandResult> {
    const names = { 'source-org': required(flags['source-org'], 'source-org'), 'target-org': required(flags['target-org'], 'target-org') };
    // A journal folder that is a file is refused before any org is contacted.
    journalRoot(flags['journal-dir']);
    const orgs = await orgsOfFlags(names);
    return syncFromFlags(this, {
      command: 'execute',
      sourceOrg: orgs['source-org'],
      targetOrg: orgs['target-org'],
      templateFile: flags.template,
      objects: objectNames(flags.objects),
      dryRun: flags['dry-run'],
      stopOnError: flags['stop-on-error'] ? true : flags['continue-on-error'] ? false : undefined,
      concurrency: flags.concurrency,
      apiBudget: flags['api-budget'],
      journalDir: flags['journal-dir'],
      confirmProduction: flags['confirm-production'],
      disableAutomation: flags['disable-automation'],
      ...syncTypeOf(flags),
    });
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

/**
 * The commands to run next, only those that accept this run: a dry run wrote nothing, so retry, resume and
 * rollback would refuse it.
 */
function nextSteps(result: ExecuteResult, dryRun: boolean): string {
  if (dryRun) return messages.getMessage('info.nextAfterDryRun', [result.runId]);
  const retry = result.state === 'synced' ? '' : messages.getMessage('info.nextRetry', [result.runId]);
  const stopped = ['paused', 'failed', 'aborted'].includes(result.state) ? messages.getMessage('info.nextResume', [result.runId]) : '';
  return messages.getMessage('info.next', [result.runId, retry + messages.getMessage('info.nextRollback', [result.runId]) + stopped]);
}

function required<T>(value: T | undefined, flag: string): T {
  // Exit 2, as oclif's own "Missing required flag" (which cannot be used here: --resume needs no org).
  if (value === undefined) throw messages.createError('error.MissingFlag', [flag], [flag], BAD_COMMAND_LINE_EXIT);
  return value;
}
