import { expect } from 'chai';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrg, type EmulatedOrg } from '../emulator/index.js';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { ReportResult } from '../../src/commands/isync/report.js';
import type { RunMeta } from '../../src/lib/journal/runMeta.js';
import { mapWithConcurrency } from '../../src/lib/schema/mapWithConcurrency.js';
import { BAD_INPUT_CASES, texts, type BadInputContext, type PreparedRuns } from '../support/badInputCases.js';
import { startOrgPair, type OrgPair } from '../support/emulatedOrgs.js';
import { jsonOf, runPlugin, runTs, type PluginRun } from '../support/runPlugin.js';

/** Request kinds of the emulator that write records (REST single and collections, composite, bulk). */
/** Requests that can only write. A Composite request may carry reads (describes, counts): judged by the records it committed. */
const WRITE_KINDS = /^(collection(Create|Update|Upsert|Delete)|sobject(Create|Update|Upsert|Delete)|graph|tree|bulkJobCreate)$/;

/** Write requests and records committed by any request, so far. */
function writeRequests(org: EmulatedOrg): number {
  const { requests, recordsWritten } = org.stats() as unknown as { requests: Record<string, number>; recordsWritten: Record<string, number> };
  const writes = Object.entries(requests)
    .filter(([kind]) => WRITE_KINDS.test(kind))
    .reduce((sum, [, count]) => sum + count, 0);
  return writes + Object.values(recordsWritten).reduce((sum, count) => sum + count, 0);
}

/** The altered target: a required-lookup cycle between Team__c and Team_Member__c, fields the source has. */
const ALTERED_TARGET_SCHEMA = {
  removeFields: { Account: ['Rating'], Supplier__c: ['External_Id__c'] },
  changeFields: { 'Team__c.Captain__c': { required: true }, 'Team_Member__c.Team__c': { required: true } },
};

function succeeded(run: PluginRun): PluginRun {
  expect(run.code, run.stdout + run.stderr).to.equal(0);
  return run;
}

/** A copy of a run's journal under a new run id, its header edited. */
function copyRun(journalDir: string, from: string, to: string, edit: (meta: RunMeta) => RunMeta): void {
  cpSync(join(journalDir, from), join(journalDir, to), { recursive: true });
  const metaPath = join(journalDir, to, 'run.json');
  writeFileSync(metaPath, JSON.stringify(edit({ ...(JSON.parse(readFileSync(metaPath, 'utf8')) as RunMeta), runId: to })));
}

function damageLine(path: string, lineNumber: number): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[lineNumber - 1] = lines[lineNumber - 1].slice(0, 25);
  writeFileSync(path, lines.join('\n'));
}

describe('bad input: every mistake is refused with its problem and fix, and nothing is written', function () {
  this.timeout(600_000);
  let main: OrgPair;
  let altered: OrgPair;
  let production: EmulatedOrg;
  let ctx: BadInputContext;
  const orgs = (): EmulatedOrg[] => [main.source, main.target, altered.source, altered.target, production];

  before(async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'isync-bad-input-'));
    const schemaFile = join(scratch, 'altered-target.json');
    writeFileSync(schemaFile, JSON.stringify(ALTERED_TARGET_SCHEMA));
    [main, altered, production] = await Promise.all([
      startOrgPair({ dataset: 'demo' }, { dataset: 'empty' }),
      startOrgPair({ dataset: 'empty' }, { dataset: 'empty', schema: schemaFile }),
      startOrg({ username: 'admin@production.isync.test', edition: 'production', seed: 3 }),
    ]);
    succeeded(await runTs('test/support/loginEmulatedOrg.ts', ['prod', production.instanceUrl, production.accessToken], main.env));

    const runIdOf = (run: PluginRun): string => jsonOf<ExecuteResult>(succeeded(run)).result.runId;
    const sync = ['-s', 'src', '-o', 'tgt', '--objects', 'Account', '--json'];
    const scan = runIdOf(await runPlugin(['isync', 'scan', ...sync], main.env));
    const dryRun = runIdOf(await runPlugin(['isync', 'execute', ...sync, '--dry-run'], main.env));
    const rolledBack = runIdOf(await runPlugin(['isync', 'execute', ...sync], main.env));
    succeeded(await runPlugin(['isync', 'rollback', '--run-id', rolledBack, '--json'], main.env));

    // Edited copies, dated before the real runs so that "the newest run" stays a real one.
    const journalDir = main.env.SF_ISYNC_JOURNAL_DIR!;
    const runs: PreparedRuns = {
      scan,
      dryRun,
      rolledBack,
      otherTargetOrg: '20000101T000001Z-0000a1',
      damagedEvents: '20000101T000002Z-0000a2',
      damagedMeta: '20000101T000003Z-0000a3',
      stillSyncing: '20000101T000004Z-0000a4',
    };
    copyRun(journalDir, rolledBack, runs.otherTargetOrg, (meta) => ({ ...meta, state: 'synced', target: { ...meta.target, orgId: '00D000000000999AAA' } }));
    copyRun(journalDir, rolledBack, runs.damagedEvents, (meta) => ({ ...meta, state: 'synced' }));
    damageLine(join(journalDir, runs.damagedEvents, 'events.jsonl'), 3);
    copyRun(journalDir, rolledBack, runs.damagedMeta, (meta) => meta);
    writeFileSync(join(journalDir, runs.damagedMeta, 'run.json'), '{\n  "runId": "20000101T000003Z-0000a3",\n  "command": "exe');
    copyRun(journalDir, rolledBack, runs.stillSyncing, (meta) => ({ ...meta, state: 'syncing' }));

    const files = join(scratch, 'files');
    mkdirSync(files);
    const emptyJournalDir = join(scratch, 'no-runs');
    mkdirSync(emptyJournalDir);
    const notAFolder = join(scratch, 'not-a-folder');
    writeFileSync(notAFolder, 'a file\n');
    ctx = {
      file: (name, content) => {
        const path = join(files, name);
        writeFileSync(path, content);
        return path;
      },
      runs,
      emptyJournalDir,
      notAFolder,
    };
  });

  after(async () => {
    await Promise.all([main?.stop(), altered?.stop(), production?.stop()]);
  });

  it('has at least 30 cases', () => {
    expect(BAD_INPUT_CASES.length).to.be.at.least(30);
    expect(new Set(BAD_INPUT_CASES.map((c) => c.name)).size, 'case names are unique').to.equal(BAD_INPUT_CASES.length);
  });

  describe('the table', () => {
    let results: PluginRun[];
    let writesBefore: number[];

    // Two plugin processes at a time (the machine has two cores): the table runs in half the time. Writes
    // are therefore checked over the whole table rather than per case.
    before(async () => {
      writesBefore = orgs().map(writeRequests);
      results = await mapWithConcurrency(BAD_INPUT_CASES, 2, (badInput) =>
        runPlugin([...badInput.argv(ctx), '--json'], (badInput.pair === 'altered' ? altered : main).env)
      );
    });

    BAD_INPUT_CASES.forEach((badInput, index) => {
      it(badInput.name, () => {
        const run = results[index];
        const json = jsonOf(run);
        const output = `exit ${run.code}\n${run.stdout}\n${run.stderr}`;
        expect(run.code, output).to.equal(badInput.exit);
        expect(json.status, output).to.equal(badInput.exit);
        expect(json.name, output).to.equal(badInput.error);
        const message = json.message ?? '';
        for (const problem of texts(badInput.problem, ctx)) {
          if (typeof problem === 'string') expect(message, output).to.contain(problem);
          else expect(message, output).to.match(problem);
        }
        const advice = [message, ...(json.actions ?? [])].join('\n');
        for (const fix of texts(badInput.fix, ctx)) {
          if (typeof fix === 'string') expect(advice, output).to.contain(fix);
          else expect(advice, output).to.match(fix);
        }
        // Our own errors always come with actions; oclif's parse errors (named just Error) put the fix in the message.
        if (badInput.error !== 'Error') expect(json.actions ?? [], output).to.not.be.empty;
      });
    });

    it('wrote nothing to any org, in any case', () => {
      expect(orgs().map(writeRequests)).to.deep.equal(writesBefore);
    });
  });

  it('tolerates a last journal line cut mid-write (a crash artifact) and says so', async () => {
    const journalDir = main.env.SF_ISYNC_JOURNAL_DIR!;
    const runId = '20000101T000005Z-0000a5';
    copyRun(journalDir, ctx.runs.rolledBack, runId, (meta) => meta);
    const events = join(journalDir, runId, 'events.jsonl');
    writeFileSync(events, readFileSync(events, 'utf8').replace(/\n$/, '').replace(/.{10}$/, ''));
    const run = succeeded(await runPlugin(['isync', 'report', '--run-id', runId, '--json'], main.env));
    expect(jsonOf<ReportResult>(run).result.partialTail).to.equal(true);
  });
});
