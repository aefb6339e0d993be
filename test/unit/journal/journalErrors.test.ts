import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { CorruptJournalError, readEvents } from '../../../src/lib/journal/eventLog.js';
import { JOURNAL_DIR_ENV, journalRoot } from '../../../src/lib/journal/paths.js';
import { RunStore } from '../../../src/lib/journal/runStore.js';

const RUN_ID = '20260101T000000Z-abc123';

function thrown(fn: () => unknown): SfError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(SfError);
    return error as SfError;
  }
  return expect.fail('expected an SfError');
}

describe('journal errors a user can act on', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'isync-journal-errors-'));
  });

  it('a damaged line in the middle of events.jsonl is an SfError naming the line, with the way out', async () => {
    const path = join(dir, 'events.jsonl');
    const note = { type: 'note', object: 'Account', sourceId: '1', note: 'n' } as const;
    writeFileSync(path, `${JSON.stringify(note)}\n{"type"\n${JSON.stringify(note)}\n`);
    try {
      for await (const event of readEvents(path)) expect(event).to.deep.equal(note);
      expect.fail('expected an error');
    } catch (error) {
      expect(error).to.be.instanceOf(CorruptJournalError).and.instanceOf(SfError);
      const sfError = error as CorruptJournalError;
      expect(sfError.name).to.equal('CorruptJournalError');
      expect(sfError.message).to.contain(`${path} is damaged at line 2`);
      expect(sfError.actions?.join('\n')).to.contain(`delete line 2 of ${path}`);
    }
  });

  it('a run.json that is not JSON, or not a run header, is RunMetaDamaged with the path', () => {
    const store = new RunStore(dir);
    mkdirSync(join(dir, RUN_ID));
    writeFileSync(join(dir, RUN_ID, 'run.json'), '{"runId": "2026');
    const notJson = thrown(() => store.open(RUN_ID));
    expect(notJson.name).to.equal('RunMetaDamagedError');
    expect(notJson.message).to.contain(join(dir, RUN_ID, 'run.json'));
    expect(notJson.actions?.join('\n')).to.contain(`delete its folder ${join(dir, RUN_ID)}`);

    writeFileSync(join(dir, RUN_ID, 'run.json'), JSON.stringify({ runId: RUN_ID, command: 'execute', state: 'synced', source: {} }));
    const incomplete = thrown(() => store.open(RUN_ID));
    expect(incomplete.name).to.equal('RunMetaDamagedError');
    expect(incomplete.message).to.contain('startedAt is missing (it must be an ISO 8601 date)');
  });

  it('a journal folder that is a file is refused, from the flag or from the environment', () => {
    const file = join(dir, 'file');
    writeFileSync(file, '');
    expect(thrown(() => journalRoot(file)).name).to.equal('JournalDirNotFolderError');
    const saved = process.env[JOURNAL_DIR_ENV];
    process.env[JOURNAL_DIR_ENV] = file;
    try {
      expect(thrown(() => journalRoot()).actions?.join('\n')).to.contain('SF_ISYNC_JOURNAL_DIR');
    } finally {
      if (saved === undefined) delete process.env[JOURNAL_DIR_ENV];
      else process.env[JOURNAL_DIR_ENV] = saved;
    }
    expect(journalRoot(join(dir, 'not-yet'))).to.equal(join(dir, 'not-yet'));
  });
});
