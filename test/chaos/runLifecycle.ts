import { expect } from 'chai';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { ReportResult } from '../../src/commands/isync/report.js';
import type { RollbackResult } from '../../src/commands/isync/rollback.js';
import type { EmulatedOrg } from '@sf-isync/org-emulator';
import { callOrg, queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { RUN_ID_PATTERN } from '../../src/lib/journal/paths.js';
import { jsonOf, REPO_ROOT, runPlugin, spawnPlugin, type PluginRun } from '../../harness/runPlugin.js';

/**
 * The whole life of a run under crashes: `sf isync execute` killed with SIGKILL (its whole process group)
 * while batches are in flight, then resumed (itself killed again, if asked), retried, and rolled back (killed
 * and run again, if asked). After the resume the report must count what an uninterrupted run counts; after
 * the rollback the target must be exactly as it was before the run: the same records with the same values.
 */
export type LifecyclePoint = {
  name: string;
  /**
   * How the first execute ends early once the target has committed this many records: killed (SIGKILL to
   * its process group) or paused (the target's daily API limit runs out, as `dailyLimitAfter` makes it); or
   * `killDeploying`: killed once its trigger deploy has reached the org but before the org's (late) answer, then
   * `sf isync automation restore` runs while that deploy still runs (see killedDeploying).
   */
  stopExecute: { kill: number } | { pauseAt: number } | { killDeploying: true };
  /** Kill the first `execute --resume` once the target has committed this many more records. */
  killResumeAfter?: number;
  /** Kill the first `retry` (of a paused run) once the target has committed this many more records. */
  killRetryAfter?: number;
  /** Kill the first rollback once it has deleted (a delta's: written) this many records (then roll back again). */
  killRollbackAfter?: number;
  /** After the first stop, leave half a line at the end of the journal, as a kill in the middle of a write does. */
  tornTail?: boolean;
  /** Case and Task without a key: matched by history (the engine's path for objects without a natural key). */
  history?: boolean;
  /**
   * A delta with deletions (`--sync-type delta --include-deleted`): a first sync runs to its end, then the source
   * changes (DELTA_CHANGES) and the delta is the run that is stopped, resumed and rolled back.
   */
  delta?: boolean;
  /**
   * A target with the demo's automation (a validation rule, flows one on and one off, a Process Builder process
   * (a flow too), a trigger, a duplicate rule, a workflow rule, a managed rule), run with `--disable-automation`:
   * after every stop, resume, retry and rollback, each item is back exactly as before the run (none switched on
   * that was off; automationState compares every flow and process by its active version).
   */
  automation?: boolean;
  /**
   * Contact and Lead personal data masked (`mask`, with SF_ISYNC_MASK_SECRET), Lead matched by its masked email:
   * the resume must find by the masked key what the killed run wrote, every record once, every email masked.
   */
  masked?: boolean;
};

/** What the automation points switch off for their runs. */
export const AUTOMATION_SWITCHED = 'validation-rules,flows,triggers,duplicate-rules,workflow-rules';

/**
 * A killDeploying point's target: deploy() answers this late, and a deploy runs this long, so that the kill lands
 * between the org taking the deploy and the plugin learning its id, and the restore after it finds it running.
 */
const LOST_DEPLOY = { answerDelayMs: 2000, runMs: 3000 };

/** What changes in the source before the delta of a `delta` point: updated, and deleted (with their cascades). */
export const DELTA_CHANGES = { accounts: 150, contacts: 150, tasks: 40, opportunities: 20 };

/** Records in the source: large enough for many batches in flight, small enough for CI. */
export const LIFECYCLE_RECORDS = 5000;
const BENCH_TEMPLATE = join(REPO_ROOT, 'scripts', 'bench', 'bench-template.json');
/** Slow enough that a kill lands while batches are in flight (a batch of 200 takes 0.9 s to answer). */
const TARGET_MODEL = { latencyMs: 100, perRecordMs: 4 };
/** Fields Salesforce stamps on every write, which a restore cannot put back: left out of the comparison. */
const AUDIT_FIELDS = new Set(['LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'LastViewedDate', 'LastReferencedDate']);
const executeWith = (template: string): string[] => ['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template, '--json'];

/** The bench template with Contact's and Lead's names, emails and companies masked (Lead matched by its masked Email). */
function maskedTemplate(): string {
  const template = JSON.parse(readFileSync(BENCH_TEMPLATE, 'utf8')) as { objects: Array<{ name: string; mask?: Record<string, string> }> };
  for (const object of template.objects) {
    if (object.name === 'Contact') object.mask = { LastName: 'lastName', Email: 'email' };
    if (object.name === 'Lead') object.mask = { LastName: 'lastName', Email: 'email', Company: 'company' };
  }
  const file = join(mkdtempSync(join(tmpdir(), 'isync-masked-template-')), 'template.json');
  writeFileSync(file, JSON.stringify(template));
  return file;
}

/** Every Contact and Lead of the source once in the target, each email masked. */
async function expectMaskedOnce(pair: OrgPair): Promise<void> {
  for (const object of ['Contact', 'Lead']) {
    const [source, target] = await Promise.all([queryOrg(pair.source, `SELECT Email FROM ${object}`), queryOrg(pair.target, `SELECT Email FROM ${object}`)]);
    expect(target.length, `${object} records in the target`).to.equal(source.length);
    const unmasked = target.filter((row) => row.Email !== null && !(typeof row.Email === 'string' && row.Email.endsWith('@example.com')));
    expect(unmasked, `${object} emails not masked`).to.deep.equal([]);
  }
}

/** The bench template with Case and Task left without matchBy: they have no natural key, so history matches them. */
function historyTemplate(): string {
  const template = JSON.parse(readFileSync(BENCH_TEMPLATE, 'utf8')) as { objects: Array<{ name: string; matchBy?: unknown }> };
  for (const object of template.objects) if (object.name === 'Case' || object.name === 'Task') delete object.matchBy;
  const file = join(mkdtempSync(join(tmpdir(), 'isync-history-template-')), 'template.json');
  writeFileSync(file, JSON.stringify(template));
  return file;
}

export async function killResumeRollback(point: LifecyclePoint): Promise<void> {
  const pair = await startOrgPair(
    // A delta's data is older than its safety margin, as a real org's is: the delta reads only the changes.
    { dataset: 'bench', records: LIFECYCLE_RECORDS, edition: 'sandbox', ...(point.delta ? { seedAgeDays: 1 } : {}) },
    {
      dataset: 'users',
      edition: 'sandbox',
      ...TARGET_MODEL,
      ...(point.automation ? { automation: 'demo' as const } : {}),
      ...('killDeploying' in point.stopExecute
        ? { faults: { lock: 0, http503: 0, seed: 1, deployAnswerDelayMs: LOST_DEPLOY.answerDelayMs }, deployTiming: { runMs: LOST_DEPLOY.runMs } }
        : {}),
    }
  );
  try {
    if (point.masked) pair.env.SF_ISYNC_MASK_SECRET = 'chaos-mask-secret';
    let execute = executeWith(point.history ? historyTemplate() : point.masked ? maskedTemplate() : BENCH_TEMPLATE);
    if (point.automation) execute = [...execute, '--disable-automation', AUTOMATION_SWITCHED];
    const automationBefore = automationState(pair.target);
    if (point.delta) {
      execute = [...execute, '--sync-type', 'delta', '--include-deleted'];
      expectSucceeded(await runPlugin(execute, pair.env, 300_000), 'the first sync');
      await changeSource(pair);
    }
    const before = snapshot(pair.target);
    const stopped =
      'kill' in point.stopExecute
        ? (await killedAt(pair, execute, point.stopExecute.kill, 'written')).killed
        : 'pauseAt' in point.stopExecute
          ? await pausedAt(pair, execute, point.stopExecute.pauseAt)
          : await killedDeploying(pair, execute, automationBefore);
    if (stopped) {
      if (point.tornTail) tearJournalTail(pair);
      if (point.killRetryAfter !== undefined) await killedAt(pair, ['isync', 'retry', '--json'], point.killRetryAfter, 'written');
      if (point.killResumeAfter !== undefined) await killedAt(pair, ['isync', 'execute', '--resume', '--json'], point.killResumeAfter, 'written');
      // A paused run that nothing killed since is finished by retry; a killed one by execute --resume.
      const finish =
        'pauseAt' in point.stopExecute && point.killRetryAfter === undefined && point.killResumeAfter === undefined
          ? ['isync', 'retry']
          : ['isync', 'execute', '--resume'];
      const finished = await runPlugin([...finish, '--json'], pair.env, 300_000);
      expectSucceeded(finished, finish.join(' '));
      expect(jsonOf<ExecuteResult>(finished).result.state).to.equal('synced');
    }
    expect(automationState(pair.target), 'automation after the run').to.deep.equal(automationBefore);
    if (point.masked) await expectMaskedOnce(pair);
    await expectReportCountsNewRecords(pair, before);
    // A delta's rollback deletes nothing it inserted: it restores and undeletes, which count as writes.
    if (point.killRollbackAfter !== undefined)
      await killedAt(pair, ['isync', 'rollback', '--json'], point.killRollbackAfter, point.delta ? 'written' : 'deleted');
    const rollback = await runPlugin(['isync', 'rollback', '--json'], pair.env, 300_000);
    expectSucceeded(rollback, 'rollback');
    expect(jsonOf<RollbackResult>(rollback).result.state).to.equal('rolled_back');
    expectSameState(before, snapshot(pair.target));
    expect(automationState(pair.target), 'automation after the rollback').to.deep.equal(automationBefore);
  } finally {
    await pair.stop();
  }
}

/** Every automation item of the org with its state: active or not, and a flow's active version. */
export function automationState(org: EmulatedOrg): string[] {
  const { validationRules, flows, triggers, duplicateRules, workflowRules } = org.org.automation;
  return [
    ...validationRules.map((rule) => `rule ${rule.id} ${rule.active}`),
    ...flows.map((flow) => `flow ${flow.id} v${flow.activeVersion}`),
    ...triggers.map((trigger) => `trigger ${trigger.id} ${trigger.status}`),
    ...duplicateRules.map((rule) => `duplicate ${rule.id} ${rule.active}`),
    ...workflowRules.map((rule) => `workflow ${rule.id} ${rule.active}`),
  ];
}

/** Changes the source as DELTA_CHANGES says: field updates, then deletions in one collections call per object. */
async function changeSource(pair: OrgPair): Promise<void> {
  const rows = async (soql: string): Promise<string[]> => (await queryOrg(pair.source, soql)).map((row) => String(row.Id));
  for (const id of await rows(`SELECT Id FROM Account ORDER BY Id LIMIT ${DELTA_CHANGES.accounts}`))
    pair.source.org.seedTarget.update('Account', id, { Industry: 'Biotechnology' });
  for (const id of await rows(`SELECT Id FROM Contact ORDER BY Id DESC LIMIT ${DELTA_CHANGES.contacts}`))
    pair.source.org.seedTarget.update('Contact', id, { Title: 'Changed for the delta' });
  for (const [object, count] of [
    ['Task', DELTA_CHANGES.tasks],
    ['Opportunity', DELTA_CHANGES.opportunities],
  ] as const) {
    const ids = await rows(`SELECT Id FROM ${object} ORDER BY Id LIMIT ${count}`);
    const results = (await callOrg(pair.source, 'DELETE', `/composite/sobjects?ids=${ids.join(',')}&allOrNone=true`)) as Array<{ success: boolean }>;
    expect(
      results.every((result) => result.success),
      JSON.stringify(results).slice(0, 500)
    ).to.equal(true);
  }
}

/** Appends half an event, without its newline, to the newest run's journal. */
function tearJournalTail(pair: OrgPair): void {
  const root = pair.env.SF_ISYNC_JOURNAL_DIR!;
  const newest = readdirSync(root)
    .filter((name) => RUN_ID_PATTERN.test(name))
    .sort()
    .reverse()[0];
  appendFileSync(join(root, newest, 'events.jsonl'), '{"type":"record","batch":"torn:1","object":"Acc');
}

/**
 * Runs execute until the target has committed `after` records, then lets the target's daily API limit run
 * out: the run must end `paused`. The limit is lifted again afterwards (a new day).
 */
async function setFaults(pair: OrgPair, body: object): Promise<void> {
  const response = await fetch(`${pair.target.instanceUrl}/__emulator/faults`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  expect(response.ok, await response.text()).to.equal(true);
}

/**
 * Kills the execute once its trigger deploy has reached the org, before the late answer with the deploy's id, then
 * runs `sf isync automation restore` at once, the deploy still running: the restore must find that deploy (the
 * journal has only the time it was asked for), wait for it, and switch the trigger back on after it. Compared once
 * every deploy is over, so that a deploy finishing after a careless restore would show.
 */
async function killedDeploying(pair: OrgPair, execute: string[], automationBefore: string[]): Promise<boolean> {
  const run = spawnPlugin(execute, pair.env);
  let finished = false;
  void run.done.then(() => (finished = true));
  while (!finished && (pair.target.stats().requests.metadataDeploy ?? 0) === 0) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(finished, 'the execute ended before its trigger deploy').to.equal(false);
  run.kill('SIGKILL');
  await run.done;
  await setFaults(pair, {});
  const restore = await runPlugin(['isync', 'automation', 'restore', '--json'], pair.env, 120_000);
  expectSucceeded(restore, 'automation restore after the kill');
  await new Promise((resolve) => setTimeout(resolve, LOST_DEPLOY.runMs + 500));
  expect(automationState(pair.target), 'automation once the lost deploy is over').to.deep.equal(automationBefore);
  return true;
}

async function pausedAt(pair: OrgPair, execute: string[], after: number): Promise<boolean> {
  const { run, killed } = await killedAt(pair, execute, after, 'written', () => setFaults(pair, { dailyLimitAfter: 0 }));
  await setFaults(pair, {});
  if (!killed) return false;
  expect(run.code, briefly(run)).to.equal(1);
  expect(jsonOf<ExecuteResult>(run).result.state).to.equal('paused');
  return true;
}

/**
 * Runs the command in a process group of its own and kills the whole group (or does `instead`) once the
 * target has committed `after` more records (`written`) or deleted that many (`deleted`). Answers whether
 * that came before the command ended by itself.
 */
async function killedAt(
  pair: OrgPair,
  args: string[],
  after: number,
  what: 'written' | 'deleted',
  instead?: () => Promise<void>
): Promise<{ killed: boolean; run: PluginRun }> {
  const counted = (): number => {
    const written = pair.target.stats().recordsWritten;
    return what === 'deleted' ? (written.delete ?? 0) : Object.values(written).reduce((sum, count) => sum + count, 0);
  };
  const start = counted();
  const run = spawnPlugin(args, pair.env);
  let finished = false;
  void run.done.then(() => (finished = true));
  let killed = false;
  while (!finished) {
    if (counted() - start >= after) {
      if (instead) await instead();
      else run.kill('SIGKILL');
      killed = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return { killed, run: await run.done };
}

function expectSucceeded(run: PluginRun, what: string): void {
  expect(run.code, `${what}: exit ${run.code}\n${briefly(run)}`).to.equal(0);
}

/** What went wrong, short: the failures and the state's reason of a --json result, else the output's start. */
function briefly(run: PluginRun): string {
  try {
    const json = JSON.parse(run.stdout) as { message?: string; result?: { state?: string; stateReason?: string; failures?: unknown; totals?: unknown } };
    const { state, stateReason, failures, totals } = json.result ?? {};
    return JSON.stringify({ message: json.message, state, stateReason, totals, failures }).slice(0, 3000);
  } catch {
    return `${run.stdout.slice(0, 2000)}\n${run.stderr.slice(0, 2000)}`;
  }
}

/** The run's report counts as inserted exactly the records the target did not have before. */
export async function expectReportCountsNewRecords(pair: OrgPair, before: Snapshot): Promise<void> {
  const report = await runPlugin(['isync', 'report', '--json'], pair.env);
  expectSucceeded(report, 'report');
  const { totals } = jsonOf<ReportResult>(report).result;
  const after = snapshot(pair.target);
  let created = 0;
  for (const [object, records] of after) created += [...records.keys()].filter((id) => !before.get(object)?.has(id)).length;
  expect({ inserted: totals.inserted, failed: totals.failed }, 'report totals').to.deep.equal({ inserted: created, failed: 0 });
}

/** Object -> record id -> the record's values (audit fields aside), as canonical JSON. */
export type Snapshot = Map<string, Map<string, string>>;

export function snapshot(org: EmulatedOrg): Snapshot {
  const state: Snapshot = new Map();
  for (const object of org.org.schema.allObjects()) {
    const records = new Map<string, string>();
    for (const record of org.org.records(object.name)) {
      const values = Object.keys(record)
        .filter((field) => !AUDIT_FIELDS.has(field))
        .sort()
        .map((field) => [field, record[field]]);
      records.set(String(record.Id), JSON.stringify(values));
    }
    if (records.size > 0) state.set(object.name, records);
  }
  return state;
}

export function expectSameState(before: Snapshot, after: Snapshot): void {
  const differences: string[] = [];
  for (const object of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(object) ?? new Map<string, string>();
    const now = after.get(object) ?? new Map<string, string>();
    const added = [...now.keys()].filter((id) => !was.has(id));
    const removed = [...was.keys()].filter((id) => !now.has(id));
    const changed = [...was.keys()].filter((id) => now.has(id) && now.get(id) !== was.get(id));
    if (added.length + removed.length + changed.length > 0) {
      differences.push(
        `${object}: +${added.length} -${removed.length} ~${changed.length}${changed.length ? ` (${changed[0]}: ${was.get(changed[0])} -> ${now.get(changed[0])})` : ''}`
      );
    }
  }
  expect(differences, 'target differs from its state before the run').to.deep.equal([]);
}
