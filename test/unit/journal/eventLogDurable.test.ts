import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import sinon from 'sinon';
import { EventLog } from '../../../src/lib/journal/eventLog.js';

describe('EventLog durability (group commit)', () => {
  it('writes every append at once and makes all of them durable with one fsync for those who wait together', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'isync-log-')), 'events.jsonl');
    const log = new EventLog<{ n: number }>(path);
    log.append({ n: 1 });
    log.append({ n: 2 });
    // Written before any fsync: a killed process keeps them (they are in the kernel's cache).
    expect(readFileSync(path, 'utf8')).to.equal('{"n":1}\n{"n":2}\n');
    const sync = sinon.spy(log as unknown as { sync(): Promise<void> }, 'sync');
    await Promise.all([log.durable(), log.durable(), log.durable()]);
    expect(sync.callCount).to.equal(1);
    // Nothing new: nothing to wait for.
    await log.durable();
    expect(sync.callCount).to.equal(1);
    log.close();
  });

  it('queues one more fsync for lines appended while one runs', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'isync-log-')), 'events.jsonl');
    const log = new EventLog<{ n: number }>(path);
    const sync = sinon.spy(log as unknown as { sync(): Promise<void> }, 'sync');
    log.append({ n: 1 });
    const first = log.durable();
    log.append({ n: 2 });
    const second = [log.durable(), log.durable()];
    await Promise.all([first, ...second]);
    expect(sync.callCount).to.equal(2);
    log.close();
    expect(readFileSync(path, 'utf8')).to.equal('{"n":1}\n{"n":2}\n');
  });
});
