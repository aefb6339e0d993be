import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { CorruptJournalError, readEvents } from '../../../src/lib/journal/eventLog.js';
import type { JournalEvent } from '../../../src/lib/journal/events.js';

const state: JournalEvent = { type: 'state', at: '2026-12-06T10:00:00.000Z', state: 'syncing' };
const record: JournalEvent = {
  type: 'record',
  batch: 'Account:1',
  object: 'Account',
  operation: 'insert',
  sourceId: '001S',
  targetId: '001T',
  ok: true,
  created: true,
};
const STATE = JSON.stringify(state);
const RECORD = JSON.stringify(record);

async function read(path: string): Promise<{ events: JournalEvent[]; partial: number[] }> {
  const events: JournalEvent[] = [];
  const partial: number[] = [];
  for await (const event of readEvents(path, (line) => partial.push(line))) events.push(event);
  return { events, partial };
}

async function refusal(path: string): Promise<CorruptJournalError> {
  try {
    await read(path);
  } catch (error) {
    expect(error).to.be.instanceOf(CorruptJournalError);
    return error as CorruptJournalError;
  }
  return expect.fail('expected a CorruptJournalError');
}

describe('reading a run journal: what a crash can leave is accepted, nothing else', () => {
  let path: string;
  beforeEach(() => {
    path = join(mkdtempSync(join(tmpdir(), 'isync-read-events-')), 'events.jsonl');
  });

  it('skips a last line without its newline that is not JSON (a write cut short) and says which line', async () => {
    writeFileSync(path, `${STATE}\n${RECORD}\n{"type":"state","at":"2026-12-06`);
    expect(await read(path)).to.deep.equal({ events: [state, record], partial: [3] });
  });

  it('takes a last line without its newline that is a whole event (a file saved by an editor)', async () => {
    writeFileSync(path, `${STATE}\n${RECORD}`);
    expect(await read(path)).to.deep.equal({ events: [state, record], partial: [] });
  });

  it('refuses a last line that is not JSON although it ends with its newline: a crash cannot leave that', async () => {
    writeFileSync(path, `${STATE}\n{"type":"state","at":"2026-12-06\n`);
    const error = await refusal(path);
    expect(error.line).to.equal(2);
    expect(error.message).to.contain(`${path} is damaged at line 2, its last line`).and.contain('ends with a newline');
    expect(error.actions?.join('\n')).to.contain(`delete line 2 of ${path}`);
    writeFileSync(path, `${STATE}\n{"type":"state","at":"2026-12-06\n\n\n`);
    expect((await refusal(path)).message, 'blank lines after it').to.contain('at line 2, its last line');
  });

  it('refuses a line that is not JSON in the middle (an event glued onto a torn line)', async () => {
    writeFileSync(path, `${STATE}\n{"type":"state","at":"2026-12-06{"type":"state"}\n${STATE}\n`);
    const error = await refusal(path);
    expect(error.line).to.equal(2);
    expect(error.message).to.contain('is damaged at line 2').and.contain('not the last line');
  });

  it('skips blank lines and reads CRLF line ends', async () => {
    writeFileSync(path, `${STATE}\r\n\n  \n${RECORD}\r\n`);
    expect(await read(path)).to.deep.equal({ events: [state, record], partial: [] });
  });

  it('refuses JSON that is not an event, naming the line and the field', async () => {
    const cases: Array<[string, string]> = [
      ['null', 'null is not an event (an object with a "type")'],
      ['42', '42 is not an event'],
      ['[1]', '[1] is not an event'],
      ['{"at":"x"}', 'an event needs "type" (one of batchStart, record, batchEnd'],
      ['{"type":"nope"}', '"nope" is not a type of event (one of batchStart'],
      ['{"type":"constructor"}', '"constructor" is not a type of event'],
      ['{"type":"record"}', 'a "record" event needs "batch" (a string)'],
      [JSON.stringify({ ...record, sourceId: undefined }), 'line 2: a "record" event needs "sourceId" (a string)'],
      [JSON.stringify({ ...record, sourceId: 42 }), 'a "record" event needs "sourceId" (a string), not 42'],
      [JSON.stringify({ ...record, targetId: undefined }), 'a "record" event needs "targetId" (a string or null)'],
      [
        JSON.stringify({ ...record, operation: 'merge' }),
        'a "record" event needs "operation" (one of insert, upsert, update, deferred, deleteMatch, delete, restore, undelete, reinsert), not "merge"',
      ],
      [JSON.stringify({ ...record, ok: 'yes' }), 'needs "ok" (true or false), not "yes"'],
      [JSON.stringify({ ...record, ok: false, error: 'boom' }), 'needs "error" (an object with statusCode, message and fields), not "boom"'],
      [JSON.stringify({ ...record, ok: false, error: { statusCode: 'X', message: 'm' } }), 'needs "error.fields" (a list of strings)'],
      [JSON.stringify({ ...state, state: 'bogus' }), 'a "state" event needs "state" (one of planning, scanning'],
      ['{"type":"batchStart","at":"t","batch":"b","object":"Account","operation":"insert","sourceIds":["a",7]}', 'needs "sourceIds[1]" (a string), not 7'],
      [
        '{"type":"deferred","object":"Contact","sourceId":"s","targetId":"t","lookups":[{"field":"AccountId"}]}',
        'needs "lookups[0].sourceParentId" (a string)',
      ],
      [
        '{"type":"undoOutcome","at":"t","object":"A","sourceId":"s","targetId":"t","operation":"delete","kind":"maybe","reason":"r"}',
        'needs "kind" (one of alreadyUndone, changed, notRestorable), not "maybe"',
      ],
    ];
    for (const [line, problem] of cases) {
      writeFileSync(path, `${STATE}\n${line}\n${STATE}\n`);
      const error = await refusal(path);
      expect(error.line, line).to.equal(2);
      expect(error.name).to.equal('CorruptJournalError');
      expect(error.message, line).to.contain(`${path} is damaged at line 2: `).and.contain(problem);
      expect(error.message, line).to.not.contain('Cannot read properties');
      expect(error.actions?.join('\n')).to.contain(`delete line 2 of ${path}`);
    }
  });

  it('refuses a last line without its newline that is JSON but not an event', async () => {
    writeFileSync(path, `${STATE}\n{"type":"record"}`);
    expect((await refusal(path)).line).to.equal(2);
  });

  it('accepts events without their optional fields, and fields it does not know (added by newer versions)', async () => {
    const batchStart = { type: 'batchStart', at: 't', batch: 'b', object: 'Account', operation: 'update', sourceIds: ['s'], before: { s: { Name: 'Old' } } };
    const outcome = { type: 'outcome', object: 'Account', sourceId: 's', targetId: null, kind: 'skipped' };
    const deferred = { type: 'deferred', object: 'Contact', sourceId: 's', targetId: 't', lookups: [{ field: 'AccountId', sourceParentId: 'p' }] };
    const note = { type: 'note', object: 'Account', sourceId: '', note: 'n', extra: 1 };
    const end = { type: 'batchEnd', at: 't', batch: 'b' };
    const lines = [batchStart, outcome, deferred, note, end, { type: 'state', at: 't', state: 'synced', reason: 'done' }];
    writeFileSync(path, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    expect((await read(path)).events).to.deep.equal(lines);
  });

  it('reads lines longer than a read chunk, with characters cut between chunks, line numbers intact', async () => {
    // 1 MiB chunks: a 3 MB line of two-byte characters crosses chunk ends, some of them inside a character.
    const big = { ...record, ok: false, values: { Description: 'é'.repeat(1_500_001) }, error: { statusCode: 'X', message: 'm', fields: [] } };
    writeFileSync(path, `${STATE}\n${JSON.stringify(big)}\n${RECORD}\n{"type":"nope"}\n`);
    const error = await refusal(path);
    expect(error.line).to.equal(4);
    writeFileSync(path, `${STATE}\n${JSON.stringify(big)}\n${RECORD}\n`);
    expect((await read(path)).events).to.deep.equal([state, big, record]);
  });
});
