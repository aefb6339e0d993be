import { expect } from 'chai';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportResult } from '../../src/commands/isync/report.js';
import { BAD_INPUT_CASES } from '../support/badInputCases.js';
import { copyRun, describeBadInputTable, prepareBadInputWorld, succeeded, type BadInputWorld } from '../support/badInputWorld.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';

describe('bad input: every mistake is refused with its problem and fix, and nothing is written', function () {
  this.timeout(600_000);
  let world: BadInputWorld;

  before(async () => {
    world = await prepareBadInputWorld();
  });

  after(async () => {
    await world?.stop();
  });

  it('has at least 30 cases', () => {
    expect(BAD_INPUT_CASES.length).to.be.at.least(30);
    expect(new Set(BAD_INPUT_CASES.map((c) => c.name)).size, 'case names are unique').to.equal(BAD_INPUT_CASES.length);
  });

  describeBadInputTable(
    () => world,
    (argv, env) => runPlugin(argv, env)
  );

  it('tolerates a last journal line cut mid-write (a crash artifact) and says so', async () => {
    const journalDir = world.main.env.SF_ISYNC_JOURNAL_DIR!;
    const runId = '20000101T000005Z-0000a5';
    copyRun(journalDir, world.ctx.runs.rolledBack, runId, (meta) => meta);
    const events = join(journalDir, runId, 'events.jsonl');
    writeFileSync(
      events,
      readFileSync(events, 'utf8')
        .replace(/\n$/, '')
        .replace(/.{10}$/, '')
    );
    const run = succeeded(await runPlugin(['isync', 'report', '--run-id', runId, '--json'], world.main.env));
    expect(jsonOf<ReportResult>(run).result.partialTail).to.equal(true);
  });

  // Journal files
  it('cuts a torn last line off before appending (a resume), so that report and rollback --dry-run read the journal', async () => {
    const { env } = world.main;
    const journalDir = env.SF_ISYNC_JOURNAL_DIR!;
    const runId = '20000101T000107Z-0000b7';
    // Left syncing by a killed process: the resume has nothing left to send, but appends its end state.
    copyRun(journalDir, world.ctx.runs.rolledBack, runId, (meta) => ({ ...meta, state: 'syncing' }));
    const events = join(journalDir, runId, 'events.jsonl');
    const torn = '{"type":"state","at":"2026-12-06';
    appendFileSync(events, torn);

    const resume = succeeded(await runPlugin(['isync', 'execute', '--resume', '--run-id', runId, '--json'], env));
    expect((JSON.parse(resume.stdout) as { warnings?: string[] }).warnings?.join('\n')).to.contain('ended with a half-written line');
    const text = readFileSync(events, 'utf8');
    expect(text.endsWith('\n'), 'the journal ends with a whole line').to.equal(true);
    for (const line of text.split('\n').filter(Boolean)) expect(() => JSON.parse(line) as unknown, line).to.not.throw();
    const sideFiles = readdirSync(join(journalDir, runId)).filter((name) => name.startsWith('events.jsonl.torn-'));
    expect(sideFiles).to.have.length(1);
    expect(readFileSync(join(journalDir, runId, sideFiles[0]), 'utf8')).to.equal(torn);

    const report = succeeded(await runPlugin(['isync', 'report', '--run-id', runId, '--json'], env));
    expect(jsonOf<ReportResult>(report).result.partialTail).to.equal(false);
    succeeded(await runPlugin(['isync', 'rollback', '--dry-run', '--run-id', runId, '--json'], env));
  });

  it('lists runs with a damaged run.json as damaged, with a warning saying why, and exits 0', async () => {
    const { runs } = world.ctx;
    const run = succeeded(await runPlugin(['isync', 'runs', '--json'], world.main.env));
    const { result, warnings } = JSON.parse(run.stdout) as { result: Array<{ runId: string; state: string }>; warnings?: string[] };
    const stateOf = (runId: string): string | undefined => result.find((entry) => entry.runId === runId)?.state;
    for (const runId of [runs.unknownState, runs.noTemplate, runs.damagedMeta]) expect(stateOf(runId), runId).to.equal('damaged');
    expect(stateOf(runs.rolledBack)).to.equal('rolled_back');
    expect(warnings?.join('\n')).to.contain(`${runs.unknownState}/run.json, is damaged: state: "bogus" is not one of`);
  });
});
