import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { EventLog, readEvents } from '../../../src/lib/journal/eventLog.js';
import type { JournalEvent } from '../../../src/lib/journal/events.js';
import { repairTornTail, type TailRepair } from '../../../src/lib/journal/tornTail.js';

const state = (at: string): JournalEvent => ({ type: 'state', at, state: 'syncing' });
const TORN = '{"type":"record","batch":"Account:7","obj';

async function readAll(path: string): Promise<{ events: JournalEvent[]; partial: number[] }> {
  const events: JournalEvent[] = [];
  const partial: number[] = [];
  for await (const event of readEvents(path, (line) => partial.push(line))) events.push(event);
  return { events, partial };
}

function sideFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('events.jsonl.torn-'));
}

describe('appending after a crash: a torn last line is cut off first', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'isync-torn-tail-'));
    path = join(dir, 'events.jsonl');
  });

  it('cuts the half line into a side file, then appends: the log reads whole, line by line', async () => {
    const before = [state('2026-12-06T10:00:00.000Z'), state('2026-12-06T10:00:01.000Z')];
    writeFileSync(path, before.map((event) => JSON.stringify(event)).join('\n') + '\n' + TORN, { mode: 0o600 });
    const repairs: TailRepair[] = [];
    const log = new EventLog<JournalEvent>(path, (repair) => repairs.push(repair));
    const after = state('2026-12-06T11:00:00.000Z');
    log.append(after);
    log.append(after);
    log.close();

    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).to.equal(true);
    for (const line of text.split('\n').filter(Boolean)) expect(() => JSON.parse(line) as unknown, line).to.not.throw();
    expect(await readAll(path)).to.deep.equal({ events: [...before, after, after], partial: [] });

    expect(repairs).to.have.length(1);
    const [side] = sideFiles(dir);
    expect(side).to.match(/^events\.jsonl\.torn-\d{8}T\d{6}\.\d{3}Z$/);
    expect(repairs[0]).to.deep.equal({ kind: 'cut', sideFile: join(dir, side), bytes: TORN.length });
    expect(readFileSync(join(dir, side), 'utf8')).to.equal(TORN);
    expect(statSync(join(dir, side)).mode & 0o777).to.equal(0o600);
  });

  it('cuts a log that is all one half line to empty, and keeps each cut apart', () => {
    const now = new Date('2026-12-06T10:00:00.000Z');
    writeFileSync(path, TORN);
    expect(repairTornTail(path, now)).to.include({ kind: 'cut', bytes: TORN.length });
    expect(readFileSync(path, 'utf8')).to.equal('');
    writeFileSync(path, `${JSON.stringify(state('t'))}\n{"ty`);
    expect(repairTornTail(path, now)).to.deep.equal({ kind: 'cut', sideFile: `${path}.torn-20261206T100000.000Z-2`, bytes: 4 });
    expect(sideFiles(dir)).to.have.length(2);
  });

  it('only adds the newline to a last line that is whole (JSON or blank), losing nothing', async () => {
    const events = [state('a'), state('b')];
    writeFileSync(path, `${JSON.stringify(events[0])}\n${JSON.stringify(events[1])}`);
    expect(repairTornTail(path)).to.deep.equal({ kind: 'terminated' });
    expect(readFileSync(path, 'utf8')).to.equal(`${JSON.stringify(events[0])}\n${JSON.stringify(events[1])}\n`);
    expect((await readAll(path)).events).to.deep.equal(events);
    expect(sideFiles(dir)).to.deep.equal([]);
  });

  it('leaves alone a missing log, an empty one, and one that ends with its newline', () => {
    expect(repairTornTail(path)).to.equal(undefined);
    writeFileSync(path, '');
    expect(repairTornTail(path)).to.equal(undefined);
    const whole = `${JSON.stringify(state('a'))}\n`;
    writeFileSync(path, whole);
    expect(repairTornTail(path)).to.equal(undefined);
    expect(readFileSync(path, 'utf8')).to.equal(whole);
    expect(sideFiles(dir)).to.deep.equal([]);
  });

  it('finds the last newline further back than one read chunk', () => {
    const head = `${JSON.stringify(state('a'))}\n`;
    const torn = `{"type":"record","values":{"Description":"${'x'.repeat(200_000)}`;
    writeFileSync(path, head + torn);
    expect(repairTornTail(path)).to.include({ kind: 'cut', bytes: torn.length });
    expect(readFileSync(path, 'utf8')).to.equal(head);
  });
});
