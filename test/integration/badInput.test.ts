import { expect } from 'chai';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';
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

/** Replaces a whole line of a journal file with `text` (JSON that is not an event, for the journal file cases). */
function replaceLine(path: string, lineNumber: number, text: string): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[lineNumber - 1] = text;
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
      // Journal files
      unknownState: '20000101T000101Z-0000b1',
      noTemplate: '20000101T000102Z-0000b2',
      noPlan: '20000101T000103Z-0000b3',
      noObjects: '20000101T000104Z-0000b4',
      nullEvent: '20000101T000105Z-0000b5',
      bareRecordEvent: '20000101T000106Z-0000b6',
    };
    copyRun(journalDir, rolledBack, runs.otherTargetOrg, (meta) => ({ ...meta, state: 'synced', target: { ...meta.target, orgId: '00D000000000999AAA' } }));
    copyRun(journalDir, rolledBack, runs.damagedEvents, (meta) => ({ ...meta, state: 'synced' }));
    damageLine(join(journalDir, runs.damagedEvents, 'events.jsonl'), 3);
    copyRun(journalDir, rolledBack, runs.damagedMeta, (meta) => meta);
    writeFileSync(join(journalDir, runs.damagedMeta, 'run.json'), '{\n  "runId": "20000101T000003Z-0000a3",\n  "command": "exe');
    copyRun(journalDir, rolledBack, runs.stillSyncing, (meta) => ({ ...meta, state: 'syncing' }));
    // Journal files
    copyRun(journalDir, rolledBack, runs.unknownState, (meta) => ({ ...meta, state: 'bogus' as RunMeta['state'] }));
    copyRun(journalDir, rolledBack, runs.noTemplate, ({ template: _dropped, ...meta }) => meta as RunMeta);
    copyRun(journalDir, rolledBack, runs.noPlan, ({ plan: _dropped, ...meta }) => meta);
    copyRun(journalDir, rolledBack, runs.noObjects, ({ objects: _dropped, ...meta }) => meta as RunMeta);
    copyRun(journalDir, rolledBack, runs.nullEvent, (meta) => ({ ...meta, state: 'synced' }));
    replaceLine(join(journalDir, runs.nullEvent, 'events.jsonl'), 2, 'null');
    copyRun(journalDir, rolledBack, runs.bareRecordEvent, (meta) => ({ ...meta, state: 'synced' }));
    replaceLine(join(journalDir, runs.bareRecordEvent, 'events.jsonl'), 2, '{"type":"record"}');

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

  // Journal files
  it('cuts a torn last line off before appending (retry), so that report and rollback --dry-run read the journal', async () => {
    const journalDir = main.env.SF_ISYNC_JOURNAL_DIR!;
    const runId = '20000101T000107Z-0000b7';
    copyRun(journalDir, ctx.runs.rolledBack, runId, (meta) => ({ ...meta, state: 'synced' }));
    const events = join(journalDir, runId, 'events.jsonl');
    const torn = '{"type":"state","at":"2026-12-06';
    appendFileSync(events, torn);

    const retry = succeeded(await runPlugin(['isync', 'retry', '--run-id', runId, '--json'], main.env));
    expect((JSON.parse(retry.stdout) as { warnings?: string[] }).warnings?.join('\n')).to.contain('ended with a half-written line');
    const text = readFileSync(events, 'utf8');
    expect(text.endsWith('\n'), 'the journal ends with a whole line').to.equal(true);
    for (const line of text.split('\n').filter(Boolean)) expect(() => JSON.parse(line) as unknown, line).to.not.throw();
    const sideFiles = readdirSync(join(journalDir, runId)).filter((name) => name.startsWith('events.jsonl.torn-'));
    expect(sideFiles).to.have.length(1);
    expect(readFileSync(join(journalDir, runId, sideFiles[0]), 'utf8')).to.equal(torn);

    const report = succeeded(await runPlugin(['isync', 'report', '--run-id', runId, '--json'], main.env));
    expect(jsonOf<ReportResult>(report).result.partialTail).to.equal(false);
    succeeded(await runPlugin(['isync', 'rollback', '--dry-run', '--run-id', runId, '--json'], main.env));
  });

  it('lists runs with a damaged run.json as damaged, with a warning saying why, and exits 0', async () => {
    const run = succeeded(await runPlugin(['isync', 'runs', '--json'], main.env));
    const { result, warnings } = JSON.parse(run.stdout) as { result: Array<{ runId: string; state: string }>; warnings?: string[] };
    const stateOf = (runId: string): string | undefined => result.find((entry) => entry.runId === runId)?.state;
    for (const runId of [ctx.runs.unknownState, ctx.runs.noTemplate, ctx.runs.damagedMeta]) expect(stateOf(runId), runId).to.equal('damaged');
    expect(stateOf(ctx.runs.rolledBack)).to.equal('rolled_back');
    expect(warnings?.join('\n')).to.contain(`${ctx.runs.unknownState}/run.json, is damaged: state: "bogus" is not one of`);
  });
});
