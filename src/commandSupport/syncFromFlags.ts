import type { Org } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import { CountingOrgApi } from '../lib/api/countingOrgApi.js';
import { GatedOrgApi } from '../lib/api/gatedOrgApi.js';
import { PackedReads } from '../lib/api/packedReads.js';
import { RecordCounts } from '../lib/load/recordCounts.js';
import { RetryingOrgApi } from '../lib/api/retryingOrgApi.js';
import { journalRoot } from '../lib/journal/paths.js';
import { RunStore } from '../lib/journal/runStore.js';
import { prepareRun } from '../lib/run/prepareRun.js';
import type { PreflightProblem } from '../lib/run/preflight.js';
import type { RunJournal } from '../lib/journal/runStore.js';
import type { RetryScope } from '../lib/retry/retryScope.js';
import type { TemplateFile } from '../lib/template/templateFile.js';
import { RunGuards } from '../lib/run/runGuards.js';
import { PAGE_SIZE } from '../lib/run/runKnobs.js';
import { ApiBudget, type OrgBudget } from '../lib/run/apiBudget.js';

/** Pause before an org has used this percentage of its daily API requests, unless --api-budget says otherwise. */
export const DEFAULT_API_BUDGET = 90;
import { runSync } from '../lib/run/syncRun.js';
import type { SyncRunResult } from '../lib/run/syncRunTypes.js';
import { RunProgressView } from './runProgressView.js';
import { reportHistory, type HistoryUsed } from './historyUsed.js';
import { loadHistory } from '../lib/history/loadHistory.js';
import { interruptible } from './interruptible.js';
import { reportDelta, type DeltaUsed } from './deltaUsed.js';
import { setUpDelta } from '../lib/run/deltaSetup.js';
import { assertSinceAfterOrgCreated } from '../lib/delta/sinceCheck.js';
import type { SyncType } from '../lib/template/syncTemplate.js';
import { setUpAutomation, type AutomationUsed } from '../lib/run/automationSetup.js';
import { WriteSamples, type SampleRecord } from '../lib/load/writeSamples.js';
import { useConfiguredMaskSecret } from './maskSecretConfig.js';
import { reportAutomation, warnLeftOff } from './automationUsed.js';

/** Said of a pre-flight problem that `sf isync compare --fix` can deploy away. */
const FIXABLE = ' `sf isync compare --fix` deploys this.';

export type SyncCommandInput = {
  command: 'execute' | 'scan' | 'retry';
  sourceOrg: Org;
  targetOrg: Org;
  templateFile?: string;
  objects?: string[];
  /** retry: the run's own template, and what is left to do. */
  file?: TemplateFile;
  continueRun?: { journal: RunJournal; scope: RetryScope };
  dryRun: boolean;
  /** undefined: as the template says. */
  stopOnError?: boolean;
  concurrency?: number;
  apiBudget?: number;
  confirmProduction: boolean;
  journalDir?: string;
  /** undefined: as the template says. */
  syncType?: SyncType;
  /** `--since`: an ISO date, checked (see sinceFlag). */
  since?: string;
  /** undefined: as the template says. */
  includeDeleted?: boolean;
  /** `--disable-automation`; undefined: as the template says. */
  disableAutomation?: string[];
  /** `scan --show-sample N`: the first N records of each object as they would be sent. */
  showSample?: number;
};

export type SyncCommandResult = SyncRunResult & {
  apiCalls: { source: number; target: number };
  warnings: string[];
  /** The metadata mismatch report (a scan lists blocking problems here instead of failing). */
  preflight: PreflightProblem[];
  /** Each org's daily limit, what the run may use of it, and what it was projected to need. */
  apiBudget: OrgBudget[];
  /** The id map of earlier runs between the two orgs that the run matched with (history matching). */
  history: HistoryUsed;
  /** The sync type, and how each object's source was read (in full, or modified since its last sync). */
  sync: DeltaUsed;
  /** `--disable-automation`: the target's automation switched off for the run (a dry run: what would be). */
  automationUsed?: AutomationUsed;
  /** `scan --show-sample N`: object -> its first records as they would be sent (transformed, masked). */
  samples?: Record<string, SampleRecord[]>;
};

/**
 * What `execute` and `scan` share: prepare the run, wire the guards (Ctrl-C, --stop-on-error, API budget) and
 * the live view, run the sync, and return the typed result. Rendering the summary stays in the commands.
 */
export async function syncFromFlags(command: SfCommand<unknown>, input: SyncCommandInput): Promise<SyncCommandResult> {
  // The live view opens after the info lines; the automation switch, built before, reports to it once open.
  const shown: { view?: RunProgressView } = {};
  await useConfiguredMaskSecret();
  const setup = await prepareRun({
    sourceOrg: input.sourceOrg,
    targetOrg: input.targetOrg,
    templateFile: input.templateFile,
    objects: input.objects,
    file: input.file,
    // A scan or a dry run never writes: the production guard is for writes.
    confirmProduction: input.confirmProduction || input.dryRun,
    failOnBlocking: input.command !== 'scan',
    syncType: input.since ? 'delta' : input.syncType,
  });
  const { template } = setup.prepared;
  const root = journalRoot(input.journalDir);
  // A run that matches objects by history cannot do without a journal it cannot read; others use the map for
  // lookups only, which fall back to keys.
  const history = await loadHistory(
    root,
    { sourceOrgId: setup.sourceRef.orgId, targetOrgId: setup.targetRef.orgId },
    { damagedJournal: template.objects.some((object) => object.history) ? 'refuse' : 'skip' }
  );
  const historyUsed = reportHistory(command, template, history);
  if (input.since) await assertSinceAfterOrgCreated(setup.source, input.since, setup.sourceRef.username);
  const delta = setUpDelta(
    {
      store: new RunStore(root),
      templatePath: input.templateFile,
      sourceOrgId: setup.sourceRef.orgId,
      targetOrgId: setup.targetRef.orgId,
      syncType: input.since ? 'delta' : (input.syncType ?? template.options.syncType),
      includeDeleted: input.includeDeleted ?? template.options.includeDeleted,
      since: input.since,
      continued: input.continueRun?.journal.meta,
    },
    setup.specs
  );
  const { specs } = delta;
  const deltaUsed = reportDelta(command, delta);
  // Switches are counted as target calls but never refused by the guards: switching back on must always happen.
  const switches = new CountingOrgApi(setup.target, () => undefined);
  const automation = await setUpAutomation({
    target: new RetryingOrgApi(switches),
    production: setup.targetEdition.isProduction,
    targetName: setup.targetRef.username,
    objects: specs.map((spec) => spec.target.name),
    requested: input.disableAutomation ?? template.options.disableAutomation,
    continued: input.continueRun?.journal.meta.automation,
    onEvent: (event) => shown.view?.handle(event),
  });
  if (automation) reportAutomation(command, automation.used, input.dryRun);
  const warnings = [
    ...(automation?.used.warnings ?? []),
    ...history.warnings,
    ...setup.prepared.warnings,
    ...setup.preflight.map((problem) => `${problem.blocking ? 'Blocking: ' : 'Data loss: '}${problem.what} ${problem.fix}${problem.autoFix ? FIXABLE : ''}`),
  ];
  for (const warning of warnings) command.warn(warning);

  const guards = new RunGuards(input.stopOnError ?? !template.options.continueOnError);
  // Counted once, five to a call (a full run's with the describes, a delta's now, by reading its first pages):
  // the budget's projection needs them, and so does the run.
  const counts = RecordCounts.from(specs, setup.ahead.counts, { deleted: delta.sync.includeDeleted, pageSize: PAGE_SIZE });
  const budget = await ApiBudget.plan(input.apiBudget ?? DEFAULT_API_BUDGET, specs, setup.source, setup.target, {
    bulkThreshold: template.options.bulkThreshold,
    batchSize: template.options.batchSize,
    counts,
    limits: setup.ahead.limits,
    includeDeleted: delta.sync.includeDeleted,
  });
  // Reads retry passing failures; every call (retries included) is counted and checked against the guards.
  const concurrency = input.concurrency ?? template.options.concurrency;
  const source = new CountingOrgApi(new GatedOrgApi(setup.source, concurrency), () => {
    guards.check();
    budget.charge('source');
  });
  const target = new CountingOrgApi(new GatedOrgApi(setup.target, concurrency), () => {
    guards.check();
    budget.charge('target');
  });
  // Small reads of the run leave packed: one call for up to five (the packer sends through the counter).
  const reader = (api: CountingOrgApi): RetryingOrgApi => new RetryingOrgApi(new PackedReads(api));

  const objects = specs.map((spec) => spec.object.name);
  const title = input.command === 'execute' && input.dryRun ? 'sf isync execute (dry run)' : `sf isync ${input.command}`;
  const view = await RunProgressView.open(title, objects, command.jsonEnabled());
  shown.view = view;
  const samples = input.showSample && input.dryRun ? new WriteSamples(input.showSample) : undefined;
  let result: SyncRunResult;
  try {
    result = await interruptible(guards, () =>
      runSync({
        command: input.command === 'scan' ? 'scan' : 'execute',
        samples,
        source: reader(source),
        target: reader(target),
        sourceOrg: setup.sourceRef,
        targetOrg: setup.targetRef,
        template,
        templatePath: input.templateFile,
        plan: setup.prepared.plan,
        specs,
        sync: { meta: delta.sync, windows: delta.windows },
        sourceKeyPrefixes: setup.sourceKeyPrefixes,
        targetUserId: setup.targetUserId,
        dryRun: input.dryRun,
        concurrency,
        counts,
        store: new RunStore(root),
        history: history.map,
        continueRun: input.continueRun,
        checkStop: guards.checkFailures,
        automation: automation?.run,
        listener: (event) => {
          if (event.type === 'object' && event.progress.counts.failed > 0) guards.recordFailed();
          view.handle(event);
        },
      })
    );
  } catch (error) {
    view.stop(false);
    throw error;
  }
  view.stop(result.state === 'synced' || result.state === 'scanned');
  warnLeftOff(command, result);
  return {
    ...result,
    apiCalls: { source: source.calls, target: target.calls + switches.calls },
    warnings,
    preflight: setup.preflight,
    apiBudget: budget.report,
    history: historyUsed,
    sync: deltaUsed,
    ...(automation ? { automationUsed: automation.used } : {}),
    ...(samples ? { samples: samples.byObjectName() } : {}),
  };
}
