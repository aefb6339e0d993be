import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { journalDirFlag, orgsOfFlags, targetOrgFlag } from '../../commandSupport/orgFlags.js';
import { PARTIAL_SUCCESS_EXIT } from '../../commandSupport/runSummary.js';
import { orgApiFor } from '../../lib/api/httpOrgApi.js';
import { journalRoot } from '../../lib/journal/paths.js';
import { RunStore } from '../../lib/journal/runStore.js';
import { selectRun } from '../../lib/journal/selectRun.js';
import { rollbackTargetOrg } from '../../lib/rollback/rollbackGuard.js';
import type { RollbackRecord, RollbackResult } from '../../lib/rollback/rollbackResult.js';
import { rollbackRun } from '../../lib/rollback/rollbackRun.js';
import { DEFAULT_CLOCK_SKEW_MS } from '../../lib/rollback/targetCheck.js';
import { interruptible } from '../../commandSupport/interruptible.js';
import { RunGuards } from '../../lib/run/runGuards.js';

import { warnAutomationLeftOff } from '../../commandSupport/automationUsed.js';
Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.rollback');

/** Records listed per object by --dry-run for people; --json lists them all. */
const PLANNED_SHOWN = 50;

export type { RollbackResult } from '../../lib/rollback/rollbackResult.js';

export default class Rollback extends SfCommand<RollbackResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description', [DEFAULT_CLOCK_SKEW_MS / 1000]);
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'run-id': Flags.string({ char: 'r', summary: messages.getMessage('flags.run-id.summary') }),
    'target-org': targetOrgFlag({ summary: messages.getMessage('flags.target-org.summary') }),
    force: Flags.boolean({ summary: messages.getMessage('flags.force.summary') }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') }),
    'journal-dir': journalDirFlag,
    'api-version': Flags.orgApiVersion(),
  };

  public async run(): Promise<RollbackResult> {
    const { flags } = await this.parse(Rollback);
    warnAutomationLeftOff(this, flags['journal-dir']);
    const { journal, latest } = selectRun(new RunStore(journalRoot(flags['journal-dir'])), flags['run-id']);
    if (latest) this.log(messages.getMessage('info.latestRun', [journal.meta.runId]));
    const org = await rollbackTargetOrg(journal.meta, (await orgsOfFlags({ 'target-org': flags['target-org'] }))['target-org']);
    // Ctrl-C stops before the next write; batches in flight finish and are journaled.
    const guards = new RunGuards(false);
    const result = await interruptible(guards, () =>
      rollbackRun({
        journal,
        target: orgApiFor(org.getConnection(flags['api-version'])),
        force: flags.force,
        dryRun: flags['dry-run'],
        beforeCall: guards.check,
      })
    );
    this.render(result);
    process.exitCode = result.dryRun || result.state === 'rolled_back' ? 0 : result.state === 'rollback_partial' ? PARTIAL_SUCCESS_EXIT : 1;
    return result;
  }

  private render(result: RollbackResult): void {
    this.styledHeader(
      result.dryRun ? messages.getMessage('info.dryRunHeader', [result.runId]) : messages.getMessage('info.header', [result.runId, result.state])
    );
    this.table({ data: [...result.objects, { object: 'Total', ...result.totals }] });
    if (result.dryRun) this.renderPlanned(result.planned);
    if (result.stateReason) this.warn(result.stateReason);
    if (result.skipped.length > 0) {
      this.styledHeader(messages.getMessage('info.skippedHeader'));
      this.table({ data: result.skipped.map(({ values: _values, error: _error, ...record }) => record) });
    }
    if (result.failed.length > 0) {
      this.styledHeader(messages.getMessage('info.failedHeader'));
      this.table({
        data: result.failed.map((record) => ({
          object: record.object,
          operation: record.operation,
          targetId: record.targetId,
          sourceId: record.sourceId,
          errorCode: record.error?.statusCode ?? '',
          message: record.error?.message ?? '',
        })),
      });
    }
    if (!result.dryRun && result.state === 'rollback_partial') this.log(messages.getMessage('info.next', [result.runId]));
  }

  private renderPlanned(planned: RollbackRecord[]): void {
    const byObject = new Map<string, RollbackRecord[]>();
    for (const record of planned) {
      const list = byObject.get(record.object) ?? [];
      list.push(record);
      byObject.set(record.object, list);
    }
    for (const records of byObject.values()) {
      for (const record of records.slice(0, PLANNED_SHOWN)) {
        const fields = record.values ? `: ${Object.keys(record.values).join(', ')}` : '';
        this.log(messages.getMessage('info.planned', [record.operation, record.object, record.targetId, record.sourceId, fields]));
      }
      if (records.length > PLANNED_SHOWN) this.log(messages.getMessage('info.plannedMore', [records.length - PLANNED_SHOWN]));
    }
  }
}
