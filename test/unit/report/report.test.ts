import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { JournalEvent } from '../../../src/lib/journal/events.js';
import type { RunMeta } from '../../../src/lib/journal/runMeta.js';
import { RunStore } from '../../../src/lib/journal/runStore.js';
import { writeErrorCsvs } from '../../../src/lib/report/errorCsv.js';
import { groupFailures, type FailedRecord } from '../../../src/lib/report/failureGroups.js';
import { OutcomeFold } from '../../../src/lib/journal/recordOutcomes.js';
import { buildRunReport } from '../../../src/lib/report/runReport.js';
import { listRuns } from '../../../src/lib/report/runHistory.js';
import { selectRun } from '../../../src/lib/journal/selectRun.js';

const org = { orgId: '00D000000000001AAA', username: 'u@example.com', instanceUrl: 'http://127.0.0.1:1' };

function meta(runId: string, objects: string[]): RunMeta {
  return {
    runId,
    command: 'execute',
    state: 'synced_with_errors',
    startedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:01:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    source: org,
    target: { ...org, orgId: '00D000000000002AAA', username: 't@example.com' },
    template: { objects: [], options: {} },
    plan: { steps: [] },
    dryRun: false,
    objects: objects.map((object) => ({ object, status: 'done', elapsedMs: 5, inserted: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, deleted: 0 })),
    attempts: 1,
  };
}

const err = (statusCode: string, message = `${statusCode} happened`, fields: string[] = []): { statusCode: string; message: string; fields: string[] } => ({
  statusCode,
  message,
  fields,
});

function record(object: string, sourceId: string, extra: Partial<Extract<JournalEvent, { type: 'record' }>> = {}): JournalEvent {
  return { type: 'record', batch: `${object}:1`, object, operation: 'insert', sourceId, targetId: `t${sourceId}`, ok: true, created: true, ...extra };
}

describe('report: last outcome of every record', () => {
  it('a later success supersedes a failure; the deferred pass and a rollback keep their own outcome', () => {
    const fold = new OutcomeFold();
    fold.add(record('Account', 'a1', { ok: false, created: undefined, targetId: null, error: err('UNABLE_TO_LOCK_ROW') }));
    fold.add(record('Account', 'a1'));
    fold.add(record('Account', 'a1', { operation: 'deferred', ok: false, error: err('INVALID_CROSS_REFERENCE_KEY') }));
    fold.add(record('Account', 'a1', { operation: 'delete', ok: false, error: err('ENTITY_IS_DELETED') }));
    fold.add({
      type: 'outcome',
      object: 'Account',
      sourceId: 'a2',
      targetId: null,
      kind: 'failed',
      error: err('ISYNC_AMBIGUOUS_MATCH'),
      values: { Name: 'x' },
    });
    fold.add({ type: 'state', at: '2026-01-01T00:00:00.000Z', state: 'synced' });
    const outcomes = [...fold.values()].map(({ phase, sourceId, status }) => `${phase}:${sourceId}:${status}`);
    expect(outcomes).to.deep.equal(['sync:a1:inserted', 'deferred:a1:failed', 'rollback:a1:alreadyUndone', 'sync:a2:failed']);
  });
});

describe('report: failure groups', () => {
  it('groups by object in run order, then by code (most frequent first), with every source id', () => {
    const failure = (object: string, sourceId: string, code: string): FailedRecord => ({
      object,
      sourceId,
      targetId: null,
      operation: 'insert',
      error: err(code),
      values: {},
    });
    const groups = groupFailures(
      [
        failure('Contact', 'c1', 'A'),
        failure('Account', 'a1', 'B'),
        failure('Account', 'a2', 'C'),
        failure('Account', 'a3', 'C'),
        failure('Zed__c', 'z1', 'A'),
      ],
      ['Account', 'Contact']
    );
    expect(groups.map((g) => [g.object, g.errorCode, g.count, g.sourceIds.join(',')])).to.deep.equal([
      ['Account', 'C', 2, 'a2,a3'],
      ['Account', 'B', 1, 'a1'],
      ['Contact', 'A', 1, 'c1'],
      ['Zed__c', 'A', 1, 'z1'],
    ]);
    expect(groups[0].sampleMessage).to.equal('C happened');
  });
});

describe('report: error CSV export', () => {
  it('writes one file per object: journal columns, the union of the fields sent, quoting a spreadsheet reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isync-csv-'));
    const files = writeErrorCsvs(
      dir,
      [
        {
          object: 'Account',
          sourceId: 's1',
          targetId: null,
          operation: 'insert',
          error: err('E1', 'Bad, "quoted"\nvalue', ['Name', 'Phone']),
          values: { Name: 'A, B', NumberOfEmployees: 5 },
        },
        {
          object: 'Account',
          sourceId: 's2',
          targetId: 't2',
          operation: 'update',
          error: err('E2'),
          values: { Name: null, IsActive__c: false, BillingAddress: { city: 'X' } },
        },
        { object: 'Contact', sourceId: 's3', targetId: null, operation: 'none', error: err('E3'), values: {} },
      ],
      new Date('2026-03-04T05:06:07.890Z')
    );
    expect(files.map((file) => [file.object, file.rows, file.path])).to.deep.equal([
      ['Account', 2, join(dir, 'errors_Account_20260304T050607Z.csv')],
      ['Contact', 1, join(dir, 'errors_Contact_20260304T050607Z.csv')],
    ]);
    const text = readFileSync(files[0].path, 'utf8');
    expect(
      text.startsWith('\ufeffSource Id,Target Id,Operation,Error Code,Error Message,Error Fields,Name,NumberOfEmployees,IsActive__c,BillingAddress\r\n')
    ).to.equal(true);
    const rows = parse<Record<string, string>>(text, { bom: true, columns: true });
    expect(rows[0]).to.deep.equal({
      'Source Id': 's1',
      'Target Id': '',
      Operation: 'insert',
      'Error Code': 'E1',
      'Error Message': 'Bad, "quoted"\nvalue',
      'Error Fields': 'Name;Phone',
      Name: 'A, B',
      NumberOfEmployees: '5',
      IsActive__c: '',
      BillingAddress: '',
    });
    expect(rows[1]).to.include({ 'Target Id': 't2', Name: '', IsActive__c: 'false', BillingAddress: '{"city":"X"}' });
  });

  it('writes nothing when nothing failed', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'isync-csv-')), 'not-created');
    expect(writeErrorCsvs(dir, [])).to.deep.equal([]);
  });
});

describe('report: a run from its journal', () => {
  it('counts last outcomes per object, the deferred pass and a rollback apart, and notices a partial last line', async () => {
    const store = new RunStore(mkdtempSync(join(tmpdir(), 'isync-runs-')));
    const journal = store.create(meta('20260101T000000Z-aaaaaa', ['Account', 'Contact']));
    journal.events.append(
      record('Account', 'a1'),
      record('Account', 'a2', { operation: 'update', created: undefined }),
      record('Account', 'a3', { operation: 'upsert', created: undefined }),
      { type: 'outcome', object: 'Account', sourceId: 'a4', targetId: 't4', kind: 'unchanged' },
      { type: 'outcome', object: 'Contact', sourceId: 'c1', targetId: null, kind: 'skipped', reason: 'inserts are off' },
      record('Contact', 'c2', { ok: false, created: undefined, error: err('FIELD_CUSTOM_VALIDATION_EXCEPTION'), values: { LastName: 'X' } }),
      record('Account', 'a1', { operation: 'deferred', created: undefined }),
      record('Account', 'a1', { operation: 'delete', created: undefined }),
      { type: 'undoOutcome', at: 'x', object: 'Account', sourceId: 'a2', targetId: 'ta2', operation: 'restore', kind: 'changed', reason: 'r' }
    );
    journal.events.close();
    writeFileSync(journal.eventsPath, readFileSync(journal.eventsPath, 'utf8') + '{"type":"rec');
    const { report, failedRecords } = await buildRunReport(journal);
    expect(
      report.objects.map(({ object, inserted, updated, unchanged, skipped, failed }) => [object, inserted, updated, unchanged, skipped, failed])
    ).to.deep.equal([
      ['Account', 1, 2, 1, 0, 0],
      ['Contact', 0, 0, 0, 1, 1],
    ]);
    expect(report.totals).to.deep.equal({ inserted: 1, updated: 2, unchanged: 1, skipped: 1, failed: 1, deleted: 0 });
    expect(report.deferred).to.deep.equal({ updated: 1, failed: 0 });
    expect(report.rollback?.totals).to.deep.equal({ deleted: 1, restored: 0, alreadyUndone: 0, skipped: 1, failed: 0 });
    expect(report.partialTail).to.equal(true);
    expect(failedRecords).to.deep.equal([
      { object: 'Contact', sourceId: 'c2', targetId: 'tc2', operation: 'insert', error: err('FIELD_CUSTOM_VALIDATION_EXCEPTION'), values: { LastName: 'X' } },
    ]);
  });

  it('lists runs newest first with totals from run.json', () => {
    const store = new RunStore(mkdtempSync(join(tmpdir(), 'isync-runs-')));
    const older = meta('20260101T000000Z-aaaaaa', ['Account']);
    older.objects[0].inserted = 3;
    store.create(older);
    store.create({ ...meta('20260102T000000Z-bbbbbb', []), command: 'scan', state: 'scanned' });
    const runs = listRuns(store);
    expect(runs.map((entry) => [entry.runId, entry.command, entry.state, entry.totals.inserted])).to.deep.equal([
      ['20260102T000000Z-bbbbbb', 'scan', 'scanned', 0],
      ['20260101T000000Z-aaaaaa', 'execute', 'synced_with_errors', 3],
    ]);
  });
});

describe('selecting the run a command acts on', () => {
  it('takes the newest run by default, a named one on request, and explains a missing one', () => {
    const store = new RunStore(mkdtempSync(join(tmpdir(), 'isync-runs-')));
    expect(() => selectRun(store))
      .to.throw()
      .with.property('name', 'NoRunsError');
    store.create(meta('20260101T000000Z-aaaaaa', []));
    store.create(meta('20260102T000000Z-bbbbbb', []));
    expect(selectRun(store)).to.include({ latest: true }).and.have.nested.property('journal.meta.runId', '20260102T000000Z-bbbbbb');
    expect(selectRun(store, '20260101T000000Z-aaaaaa')).to.include({ latest: false }).and.have.nested.property('journal.meta.runId', '20260101T000000Z-aaaaaa');
    expect(() => selectRun(store, '20260103T000000Z-cccccc'))
      .to.throw(/No run 20260103T000000Z-cccccc/)
      .with.property('name', 'RunNotFoundError');
  });
});
