import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newRunId } from '../../../src/lib/journal/paths.js';
import type { RunMeta } from '../../../src/lib/journal/runMeta.js';
import type { RunState } from '../../../src/lib/journal/runState.js';
import { RunStore } from '../../../src/lib/journal/runStore.js';
import { selectRunToResume } from '../../../src/lib/journal/selectRun.js';

function meta(runId: string, state: RunState, command: RunMeta['command'] = 'execute', dryRun = false): RunMeta {
  const org = { orgId: '00D000000000001AAA', username: 'u@example.com', instanceUrl: 'http://127.0.0.1:1' };
  const now = new Date().toISOString();
  return {
    runId,
    command,
    state,
    startedAt: now,
    updatedAt: now,
    finishedAt: now,
    source: org,
    target: org,
    template: { objects: [], options: {} },
    plan: { steps: [] },
    dryRun,
    objects: [],
    attempts: 1,
  };
}

describe('selectRunToResume: which run `execute --resume` continues', () => {
  let store: RunStore;
  const at = (day: number): string => newRunId(new Date(Date.UTC(2026, 0, day)));
  beforeEach(() => {
    store = new RunStore(join(mkdtempSync(join(tmpdir(), 'isync-resume-')), 'runs'));
  });

  it('takes the newest sync when it was interrupted, past newer scans and dry runs', () => {
    const interrupted = at(1);
    store.create(meta(interrupted, 'syncing'));
    store.create(meta(at(2), 'scanned', 'scan'));
    store.create(meta(at(3), 'scanned', 'execute', true));
    const selected = selectRunToResume(store);
    expect(selected.journal.meta.runId).to.equal(interrupted);
    expect(selected.latest).to.equal(true);
  });

  it('refuses when the newest sync ended: an older interrupted run is not taken behind the user’s back', () => {
    store.create(meta(at(1), 'aborted'));
    const finished = at(2);
    store.create(meta(finished, 'synced'));
    expect(() => selectRunToResume(store)).to.throw(`the newest sync, run ${finished}, ended synced`);
    try {
      selectRunToResume(store);
    } catch (error) {
      expect((error as { name: string }).name).to.equal('NothingToResumeError');
      expect((error as { actions: string[] }).actions.join('\n')).to.contain('run the same `sf isync execute` command again');
    }
  });

  it('takes the run named by --run-id, and says when there is no sync at all', () => {
    const named = at(1);
    store.create(meta(named, 'synced'));
    expect(selectRunToResume(store, named).journal.meta.runId).to.equal(named);
    const scansOnly = new RunStore(join(mkdtempSync(join(tmpdir(), 'isync-resume-')), 'runs'));
    scansOnly.create(meta(at(4), 'scanned', 'scan'));
    expect(() => selectRunToResume(scansOnly)).to.throw('No sync to resume');
  });
});
