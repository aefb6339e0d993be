import { appendFileSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { CorruptJournalError, EventLog, readEvents } from '../../../src/lib/journal/eventLog.js';
import { newRunId, RUN_ID_PATTERN } from '../../../src/lib/journal/paths.js';
import { RunNotFoundError, RunStore } from '../../../src/lib/journal/runStore.js';
import { canTransition } from '../../../src/lib/journal/runState.js';
import type { JournalEvent } from '../../../src/lib/journal/events.js';
import type { RunMeta } from '../../../src/lib/journal/runMeta.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function meta(runId: string): RunMeta {
  const org = { orgId: '00D000000000001AAA', username: 'u@example.com', instanceUrl: 'http://127.0.0.1:1' };
  return {
    runId,
    command: 'execute',
    state: 'planning',
    startedAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    source: org,
    target: { ...org, orgId: '00D000000000002AAA' },
    template: { objects: [], options: {} },
    plan: { steps: [] },
    dryRun: false,
    objects: [],
    attempts: 1,
  };
}

/** A small valid event, numbered: the reader checks every line's shape. */
function note(n: number): JournalEvent {
  return { type: 'note', object: 'Account', sourceId: String(n), note: `note ${n}` };
}

const line = (n: number): string => JSON.stringify(note(n));

describe('run journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'isync-journal-'));
  });

  it('appends events and reads them back in order, with owner-only permissions', async () => {
    const path = join(dir, 'events.jsonl');
    const log = new EventLog<JournalEvent>(path);
    log.append(note(1), note(2));
    log.append(note(3));
    log.close();
    expect(await collect(readEvents(path))).to.deep.equal([note(1), note(2), note(3)]);
    expect(statSync(path).mode & 0o777).to.equal(0o600);
  });

  it('skips a partial last line left by a killed process and reports it', async () => {
    const path = join(dir, 'events.jsonl');
    writeFileSync(path, `${line(1)}\n${line(2)}\n{"type":"no`);
    const partial: number[] = [];
    expect(await collect(readEvents(path, (number) => partial.push(number)))).to.deep.equal([note(1), note(2)]);
    expect(partial).to.deep.equal([3]);
  });

  it('rejects a damaged line that is not the last one', async () => {
    const path = join(dir, 'events.jsonl');
    writeFileSync(path, `${line(1)}\n{"type"\n${line(3)}\n`);
    try {
      await collect(readEvents(path));
      expect.fail('expected an error');
    } catch (error) {
      expect(error).to.be.instanceOf(CorruptJournalError);
      expect((error as CorruptJournalError).line).to.equal(2);
    }
  });

  it('reads a missing log as empty', async () => {
    expect(await collect(readEvents(join(dir, 'none.jsonl')))).to.deep.equal([]);
  });

  it('creates, lists newest first, and reopens runs', () => {
    const store = new RunStore(join(dir, 'runs'));
    const older = newRunId(new Date('2026-01-01T00:00:00Z'));
    const newer = newRunId(new Date('2026-06-01T00:00:00Z'));
    store.create(meta(older));
    const journal = store.create(meta(newer));
    journal.meta.state = 'syncing';
    journal.saveMeta();
    expect(store.list()).to.deep.equal([newer, older]);
    expect(store.latest()).to.equal(newer);
    expect(store.open(newer).meta.state).to.equal('syncing');
    expect(statSync(journal.dir).mode & 0o777).to.equal(0o700);
    expect(statSync(join(journal.dir, 'run.json')).mode & 0o777).to.equal(0o600);
    appendFileSync(join(dir, 'runs', 'notes.txt'), 'ignored');
    expect(store.list()).to.have.length(2);
  });

  it('reports an unknown run id', () => {
    const store = new RunStore(join(dir, 'runs'));
    expect(() => store.open('20260101T000000Z-abcdef')).to.throw(RunNotFoundError);
    expect(() => store.open('../etc')).to.throw(RunNotFoundError);
  });

  it('makes sortable run ids and allows only meaningful state changes', () => {
    expect(newRunId(new Date('2026-11-27T08:15:00.123Z')))
      .to.match(RUN_ID_PATTERN)
      .and.match(/^20261127T081500Z-/);
    expect(canTransition('syncing', 'synced_with_errors')).to.equal(true);
    expect(canTransition('rolled_back', 'rolling_back')).to.equal(false);
    expect(canTransition('synced', 'rolling_back')).to.equal(true);
  });
});
