import { countColumns, readText } from '../../commandSupport/runSummary.js';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { journalDirFlag } from '../../commandSupport/orgFlags.js';
import { journalRoot } from '../../lib/journal/paths.js';
import { RunStore } from '../../lib/journal/runStore.js';
import { selectRun } from '../../lib/journal/selectRun.js';
import { writeErrorCsvs, type ErrorFile } from '../../lib/report/errorCsv.js';
import { buildRunReport, type RunReport } from '../../lib/report/runReport.js';
import { historyRows, listRuns, type RunHistoryEntry } from '../../lib/report/runHistory.js';

import { warnAutomationLeftOff } from '../../commandSupport/automationUsed.js';
Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.report');

/** Source ids shown per failure group for people; --json and --errors-dir have them all. */
const SAMPLE_IDS = 5;

export type ReportResult = RunReport & { errorFiles: ErrorFile[] };

/** `--list` returns the run history instead (as `sf isync runs`). */
export type ReportCommandResult = ReportResult | RunHistoryEntry[];

export default class Report extends SfCommand<ReportCommandResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description', [SAMPLE_IDS]);
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'run-id': Flags.string({ char: 'r', summary: messages.getMessage('flags.run-id.summary'), exclusive: ['list'] }),
    'errors-dir': Flags.directory({ summary: messages.getMessage('flags.errors-dir.summary'), exclusive: ['list'] }),
    list: Flags.boolean({ summary: messages.getMessage('flags.list.summary') }),
    'journal-dir': journalDirFlag,
  };

  public async run(): Promise<ReportCommandResult> {
    const { flags } = await this.parse(Report);
    warnAutomationLeftOff(this, flags['journal-dir']);
    const store = new RunStore(journalRoot(flags['journal-dir']));
    if (flags.list) {
      const runs = listRuns(store);
      for (const run of runs) if (run.damage) this.warn(run.damage);
      this.table({ data: historyRows(runs) });
      return runs;
    }
    const { journal, latest } = selectRun(store, flags['run-id']);
    if (latest) this.log(messages.getMessage('info.latestRun', [journal.meta.runId]));
    const { report, failedRecords } = await buildRunReport(journal);
    const errorFiles = flags['errors-dir'] ? writeErrorCsvs(flags['errors-dir'], failedRecords) : [];
    this.render(report, errorFiles, flags['errors-dir'] !== undefined);
    return { ...report, errorFiles };
  }

  /** What the run switched off; an item still off is a warning: the org runs without it until it is restored. */
  private renderAutomation(items: NonNullable<RunReport['automation']>): void {
    this.styledHeader(messages.getMessage('info.automationHeader'));
    this.table({
      data: items.map((item) => ({ object: item.object, kind: item.kind, name: item.name, state: item.state === 'restored' ? 'back on' : 'LEFT OFF' })),
    });
    const left = items.filter((item) => item.state !== 'restored');
    if (left.length > 0) this.warn(messages.getMessage('warning.automationLeftOff', [left.length]));
  }

  private render(report: RunReport, errorFiles: ErrorFile[], exported: boolean): void {
    this.styledHeader(messages.getMessage('info.header', [report.runId, report.state]));
    this.log(messages.getMessage('info.orgs', [`${report.source.username} (${report.source.orgId})`, `${report.target.username} (${report.target.orgId})`]));
    this.log(
      report.finishedAt
        ? messages.getMessage('info.times', [report.startedAt, report.finishedAt])
        : messages.getMessage('info.stillRunning', [report.startedAt])
    );
    if (report.stateReason) this.warn(report.stateReason);
    if (report.partialTail) this.warn(messages.getMessage('warning.partialTail'));
    const rows: Array<Record<string, string | number>> = report.objects.map(({ elapsedMs: _elapsed, since, ...entry }) => ({
      ...entry,
      read: readText(since),
    }));
    rows.push({ object: 'Total', status: '', match: '', read: '', ...report.totals });
    const counts = countColumns(
      report.objects.some((entry) => entry.since),
      report.totals.deleted > 0
    );
    this.table({ data: rows, columns: ['object', 'status', { key: 'match', name: 'Match By' }, ...counts] });
    if (report.deferred.updated + report.deferred.failed > 0) {
      this.log(messages.getMessage('info.deferred', [report.deferred.updated, report.deferred.failed]));
    }
    if (report.automation) this.renderAutomation(report.automation);
    if (report.rollback) {
      this.styledHeader(messages.getMessage('info.rollbackHeader'));
      this.table({ data: [...report.rollback.objects, { object: 'Total', ...report.rollback.totals }] });
    }
    this.styledHeader(messages.getMessage('info.failuresHeader'));
    if (report.failures.length === 0) this.log(messages.getMessage('info.noFailures'));
    else {
      this.table({
        data: report.failures.map((group) => ({
          object: group.object,
          errorCode: group.errorCode,
          count: group.count,
          message: group.sampleMessage,
          sourceIds: group.sourceIds.slice(0, SAMPLE_IDS).join(', ') + (group.count > SAMPLE_IDS ? ', …' : ''),
        })),
      });
    }
    for (const file of errorFiles) this.log(messages.getMessage('info.errorFile', [file.rows, file.object, file.path]));
    if (exported && errorFiles.length === 0) this.log(messages.getMessage('info.noErrorFiles'));
    this.log(messages.getMessage('info.journal', [report.journalDir]));
  }
}
