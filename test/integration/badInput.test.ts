import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportResult } from '../../src/commands/isync/report.js';
import { mapWithConcurrency } from '../../src/lib/schema/mapWithConcurrency.js';
import { BAD_INPUT_CASES } from '../support/badInputCases.js';
import { expectRefusal, filesSnapshot, writeRequests } from '../support/badInputChecks.js';
import { copyRun, prepareBadInputWorld, succeeded, type BadInputWorld } from '../support/badInputWorld.js';
import { jsonOf, runPlugin, type PluginRun } from '../support/runPlugin.js';

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

  describe('the table', () => {
    let results: PluginRun[];
    let writesBefore: number[];
    let filesBefore: Record<string, string>;
    const folders = (): string[] => [world.main.env.SF_ISYNC_JOURNAL_DIR!, world.altered.env.SF_ISYNC_JOURNAL_DIR!, world.scratch];

    // Two plugin processes at a time (the machine has two cores): the table runs in half the time. Writes
    // are therefore checked over the whole table rather than per case.
    before(async () => {
      // Each case's files are made first, so that the files written during the table are the plugin's only.
      const argvs = BAD_INPUT_CASES.map((badInput) => badInput.argv(world.ctx));
      writesBefore = world.orgs().map(writeRequests);
      filesBefore = filesSnapshot(folders());
      results = await mapWithConcurrency(BAD_INPUT_CASES, 2, (badInput, index) => runPlugin([...argvs[index], '--json'], world.envOf(badInput)));
    });

    BAD_INPUT_CASES.forEach((badInput, index) => {
      it(badInput.name, () => {
        expectRefusal(badInput, results[index], world.ctx);
      });
    });

    it('wrote nothing to any org, in any case', () => {
      expect(world.orgs().map(writeRequests)).to.deep.equal(writesBefore);
    });

    it('wrote no journal and no file, in any case', () => {
      expect(filesSnapshot(folders())).to.deep.equal(filesBefore);
    });
  });

  it('tolerates a last journal line cut mid-write (a crash artifact) and says so', async () => {
    const journalDir = world.main.env.SF_ISYNC_JOURNAL_DIR!;
    const runId = '20000101T000005Z-0000a5';
    copyRun(journalDir, world.ctx.runs.rolledBack, runId, (meta) => meta);
    const events = join(journalDir, runId, 'events.jsonl');
    writeFileSync(events, readFileSync(events, 'utf8').replace(/\n$/, '').replace(/.{10}$/, ''));
    const run = succeeded(await runPlugin(['isync', 'report', '--run-id', runId, '--json'], world.main.env));
    expect(jsonOf<ReportResult>(run).result.partialTail).to.equal(true);
  });
});
