import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { RunStore } from '../../../src/lib/journal/runStore.js';
import { runMetaProblem } from '../../../src/lib/journal/runMetaShape.js';
import { listRuns } from '../../../src/lib/report/runHistory.js';

const RUN_ID = '20261206T100000Z-abc123';
const org = { orgId: '00D000000000001AAA', username: 'u@example.com', instanceUrl: 'http://127.0.0.1:1' };

/** A run.json as `sf isync execute` writes it (template and plan trimmed to what a reader needs). */
function header(): Record<string, unknown> {
  return {
    runId: RUN_ID,
    command: 'execute',
    state: 'synced',
    startedAt: '2026-12-06T10:00:00.000Z',
    updatedAt: '2026-12-06T10:01:00.000Z',
    finishedAt: '2026-12-06T10:01:00.000Z',
    source: org,
    target: { ...org, orgId: '00D000000000002AAA' },
    template: {
      objects: [
        {
          name: 'Account',
          fields: ['Name'],
          requestedFields: null,
          excludeFields: [],
          matchBy: { source: ['Name'], target: ['Name'] },
          insert: true,
          update: true,
        },
        {
          name: 'Task',
          where: "Subject = 'x'",
          fields: ['Subject'],
          requestedFields: ['Subject'],
          excludeFields: [],
          matchBy: null,
          insert: true,
          update: false,
        },
      ],
      order: null,
      options: { continueOnError: true, batchSize: 200, bulkThreshold: 10000, concurrency: 4, objectByObject: false },
    },
    plan: {
      ordering: 'computed',
      steps: [
        { step: 1, object: 'Account' },
        { step: 2, object: 'Task' },
      ],
      warnings: [],
    },
    dryRun: false,
    objects: [{ object: 'Account', status: 'done', elapsedMs: 12, inserted: 3, updated: 0, unchanged: 0, skipped: 0, failed: 1 }],
    attempts: 1,
    pid: 1234,
    host: 'box',
  };
}

function edited(edit: (meta: Record<string, unknown>) => void): Record<string, unknown> {
  const meta = header();
  edit(meta);
  return meta;
}

describe('run.json is checked field by field against RunMeta', () => {
  it('accepts a header as sf isync writes it, and a scan run without template or plan', () => {
    expect(runMetaProblem(header())).to.equal(undefined);
    expect(runMetaProblem(edited((meta) => Object.assign(meta, { command: 'scan', template: undefined, plan: undefined })))).to.equal(undefined);
    expect(
      runMetaProblem(edited((meta) => Object.assign(meta, { finishedAt: undefined, pid: undefined, host: undefined, dryRun: undefined, extra: 1 })))
    ).to.equal(undefined);
  });

  it('names the exact field, what it holds and what it must be', () => {
    const cases: Array<[(meta: Record<string, unknown>) => void, string]> = [
      [
        (meta) => (meta.state = 'bogus'),
        'state: "bogus" is not one of planning, scanning, scanned, syncing, synced, synced_with_errors, failed, aborted, paused, rolling_back, rolled_back, rollback_partial',
      ],
      [(meta) => delete meta.state, 'state is missing (it must be one of planning, scanning'],
      [(meta) => (meta.command = 'sync'), 'command: "sync" is not one of execute, scan'],
      [(meta) => delete meta.template, 'template is missing (it must be an object with "objects" and "options")'],
      [(meta) => (meta.template = []), 'template: [] is not an object with "objects" and "options"'],
      [(meta) => delete (meta.template as Record<string, unknown>).options, 'template.options is missing (it must be an object)'],
      [
        (meta) => ((meta.template as { objects: unknown[] }).objects[1] = { name: 'Task' }),
        'template.objects[1].excludeFields is missing (it must be a list of strings)',
      ],
      [(meta) => delete meta.plan, 'plan is missing (it must be an object with "steps")'],
      [(meta) => (meta.plan = { steps: [{ step: 1 }] }), 'plan.steps[0].object is missing (it must be a string)'],
      [(meta) => delete meta.objects, 'objects is missing (it must be a list of object summaries)'],
      [(meta) => ((meta.objects as Array<Record<string, unknown>>)[0].failed = '1'), 'objects[0].failed: "1" is not a number'],
      [
        (meta) => ((meta.objects as Array<Record<string, unknown>>)[0].status = 'finished'),
        'objects[0].status: "finished" is not one of pending, scanning, syncing, done, failed, skipped',
      ],
      [(meta) => (meta.target = { orgId: '00D', username: 'u' }), 'target.instanceUrl is missing (it must be a string)'],
      [(meta) => (meta.startedAt = 'yesterday'), 'startedAt: "yesterday" is not an ISO 8601 date'],
      [(meta) => (meta.attempts = null), 'attempts: null is not a number'],
      [(meta) => (meta.dryRun = 'no'), 'dryRun: "no" is not true or false'],
      [(meta) => (meta.pid = 'x'), 'pid: "x" is not a number'],
    ];
    for (const [edit, problem] of cases) expect(runMetaProblem(edited(edit))).to.contain(problem);
    expect(runMetaProblem(42)).to.equal('it holds 42, not an object with runId, command, state, source and target');
    expect(runMetaProblem(null)).to.contain('it holds null');
  });

  describe('through the run store', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'isync-run-meta-'));
      mkdirSync(join(root, RUN_ID));
    });

    it('refuses a damaged header with RunMetaDamagedError naming the file and the field, with actions', () => {
      writeFileSync(join(root, RUN_ID, 'run.json'), JSON.stringify(edited((meta) => (meta.state = 'bogus'))));
      try {
        new RunStore(root).open(RUN_ID);
        expect.fail('expected an error');
      } catch (error) {
        expect(error).to.be.instanceOf(SfError);
        const sfError = error as SfError;
        expect(sfError.name).to.equal('RunMetaDamagedError');
        expect(sfError.exitCode).to.equal(1);
        expect(sfError.message).to.contain(`${join(root, RUN_ID, 'run.json')}, is damaged: state: "bogus" is not one of planning`);
        expect(sfError.actions?.join('\n')).to.contain(`delete its folder ${join(root, RUN_ID)}`);
      }
    });

    it('reads a header written without dryRun (execute without --dry-run) as not dry', () => {
      writeFileSync(join(root, RUN_ID, 'run.json'), JSON.stringify(edited((meta) => delete meta.dryRun)));
      expect(new RunStore(root).open(RUN_ID).meta.dryRun).to.equal(false);
    });

    it('lists a damaged run in the history as damaged, with why, without hiding the others', () => {
      const good = '20261207T100000Z-def456';
      mkdirSync(join(root, good));
      writeFileSync(join(root, good, 'run.json'), JSON.stringify({ ...header(), runId: good }));
      writeFileSync(join(root, RUN_ID, 'run.json'), JSON.stringify(edited((meta) => delete meta.objects)));
      const [newer, damaged] = listRuns(new RunStore(root));
      expect(newer).to.include({ runId: good, state: 'synced', objects: 1 });
      expect(newer.damage).to.equal(undefined);
      expect(damaged).to.include({ runId: RUN_ID, state: 'damaged' });
      expect(damaged.damage).to.contain('objects is missing (it must be a list of object summaries)');
    });
  });
});
