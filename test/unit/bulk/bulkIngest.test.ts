import { expect } from 'chai';
import { errorCodeOf } from '../../../src/lib/api/failures.js';
import { BulkJobError, CorrelationError, runIngestJob, type IngestJobInfo, type IngestRecord, type IngestRequest } from '../../../src/lib/bulk/bulkIngest.js';

import { FakeBulkOrg } from './fakeBulkOrg.js';
import { BULK_UNPROCESSED, IN_DOUBT } from '../../../src/lib/util/outcomeCodes.js';

const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2, retry: { maxAttempts: 3, baseMs: 1, maxMs: 2 } };

function accounts(count: number): IngestRecord[] {
  return Array.from({ length: count }, (_, i) => ({ key: `src-${i}`, values: { Name: `Account ${i}`, Key__c: `K${i}` } }));
}

async function expectRejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('bulk: runIngestJob', () => {
  let org: FakeBulkOrg;
  beforeEach(() => {
    org = new FakeBulkOrg();
  });

  it('creates, uploads, closes and polls a job as Bulk API 2.0 expects', async () => {
    await runIngestJob(org, { ...FAST, object: 'Account', operation: 'insert', correlationField: 'Key__c', records: accounts(2) });
    const [create, upload, close] = org.calls;
    expect(create).to.deep.include({ method: 'POST', path: '/jobs/ingest' });
    expect(create.body).to.deep.equal({ object: 'Account', operation: 'insert', contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' });
    expect(upload).to.deep.include({ method: 'PUT', path: `/services/data/v62.0/jobs/ingest/${org.jobs[0].id}/batches` });
    expect(upload.headers).to.deep.equal({ 'Content-Type': 'text/csv' });
    expect(upload.body).to.equal('Name,Key__c\n"Account 0","K0"\n"Account 1","K1"\n');
    expect(close).to.deep.include({ method: 'PATCH', path: `/jobs/ingest/${org.jobs[0].id}`, body: { state: 'UploadComplete' } });
    const files = org.calls.slice(3).map((call) => call.path.split('/').pop());
    expect(files).to.include.members(['successfulResults', 'failedResults', 'unprocessedrecords']);
  });

  it('pairs insert results with their records by the correlation field, whatever the row order', async () => {
    org.decide = (row) =>
      row.Key__c === 'K3'
        ? { result: 'failure', error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --' }
        : { result: 'success', id: `001-${row.Key__c}`, created: true };
    const outcomes = await runIngestJob(org, { ...FAST, object: 'Account', operation: 'insert', correlationField: 'Key__c', records: accounts(6) });
    expect(outcomes.size).to.equal(6);
    for (const i of [0, 1, 2, 4, 5]) expect(outcomes.get(`src-${i}`)).to.deep.equal({ ok: true, targetId: `001-K${i}`, created: true });
    expect(outcomes.get('src-3')).to.deep.equal({
      ok: false,
      targetId: null,
      created: false,
      error: { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] },
    });
  });

  it('pairs update results by Id and clears null fields with #N/A', async () => {
    org.decide = (row) =>
      row.Id === '001B'
        ? { result: 'failure', id: '001B', error: 'ENTITY_IS_DELETED:entity is deleted:--' }
        : { result: 'success', id: row.Id, created: false };
    const records = [
      { key: 'a', values: { Id: '001A', Phone: null, Name: 'A' } },
      { key: 'b', values: { Id: '001B', Phone: '1', Name: 'B' } },
      { key: 'c', values: { Id: '001C', Name: 'C' } },
    ];
    const outcomes = await runIngestJob(org, { ...FAST, object: 'Account', operation: 'update', records });
    expect(org.calls[1].body).to.equal('Id,Phone,Name\n"001A","#N/A","A"\n"001B","1","B"\n"001C",,"C"\n');
    expect(outcomes.get('a')).to.deep.equal({ ok: true, targetId: '001A', created: false });
    expect(outcomes.get('b')).to.deep.equal({
      ok: false,
      targetId: '001B',
      created: false,
      error: { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] },
    });
    expect(outcomes.get('c')?.ok).to.equal(true);
  });

  it('upserts by external id, reports created flags, and matches ids Salesforce echoes as reformatted numbers', async () => {
    org.decide = (row) => ({ result: 'success', id: `001-${row.Num__c}`, created: row.Name === 'Y' });
    const records = [
      { key: 'x', values: { Num__c: '912260031', Name: 'X' } },
      { key: 'y', values: { Num__c: '17', Name: 'Y' } },
    ];
    const echoed = org.uploadedRows.bind(org);
    org.uploadedRows = (job) => echoed(job).map((row) => (row.Num__c === '912260031' ? { ...row, Num__c: '9.12260031E8' } : row));
    const outcomes = await runIngestJob(org, { ...FAST, object: 'Account', operation: 'upsert', externalIdField: 'Num__c', records });
    expect(org.jobs[0].spec).to.include({ operation: 'upsert', externalIdFieldName: 'Num__c' });
    expect(outcomes.get('x')).to.deep.equal({ ok: true, targetId: '001-9.12260031E8', created: false });
    expect(outcomes.get('y')).to.deep.equal({ ok: true, targetId: '001-17', created: true });
  });

  it('deletes by Id, uploading nothing but the Id column', async () => {
    org.decide = (row) => ({ result: 'success', id: row.Id, created: false });
    const records = [{ key: 'a', values: { Id: '001A', Name: 'ignored' } }];
    const outcomes = await runIngestJob(org, { ...FAST, object: 'Account', operation: 'delete', records });
    expect(org.calls[1].body).to.equal('Id\n"001A"\n');
    expect(outcomes.get('a')).to.deep.equal({ ok: true, targetId: '001A', created: false });
  });

  it('reports rows of a failed job as unprocessed with the job error, and rows in no file as in doubt', async () => {
    org.finalState = 'Failed';
    org.finalErrorMessage = 'InvalidBatch : Field name not found : Nope__c';
    org.decide = (row) => (row.Id === '001A' ? { result: 'unprocessed' } : { result: 'missing' });
    const records = [
      { key: 'a', values: { Id: '001A', Nope__c: 'x' } },
      { key: 'b', values: { Id: '001B', Nope__c: 'y' } },
    ];
    const outcomes = await runIngestJob(org, { ...FAST, object: 'Account', operation: 'update', records });
    const jobId = org.jobs[0].id;
    expect(outcomes.get('a')).to.deep.equal({
      ok: false,
      targetId: '001A',
      created: false,
      error: {
        statusCode: BULK_UNPROCESSED,
        message: `Bulk API job ${jobId} ended Failed (InvalidBatch : Field name not found : Nope__c) before processing this record; it was not written.`,
        fields: [],
      },
    });
    expect(outcomes.get('b')?.error?.statusCode).to.equal(IN_DOUBT);
    expect(outcomes.get('b')?.targetId).to.equal('001B');
    expect(outcomes.get('b')?.error?.message).to.match(/without a result for this record/);
  });

  it('aborts a job that outlives the timeout and reports its records unprocessed', async () => {
    org.pollsToComplete = Number.POSITIVE_INFINITY;
    const outcomes = await runIngestJob(org, {
      ...FAST,
      timeoutMs: 20,
      object: 'Account',
      operation: 'insert',
      correlationField: 'Key__c',
      records: accounts(3),
    });
    expect(org.calls.some((call) => call.method === 'PATCH' && (call.body as { state: string }).state === 'Aborted')).to.equal(true);
    expect([...outcomes.values()].map((outcome) => outcome.error?.statusCode)).to.deep.equal([BULK_UNPROCESSED, BULK_UNPROCESSED, BULK_UNPROCESSED]);
    expect(outcomes.get('src-0')?.error?.message).to.include('aborted by sf isync after waiting 20 ms');
  });

  it('keeps the results of a job that completed just as it was being aborted', async () => {
    org.pollsToComplete = Number.POSITIVE_INFINITY;
    const abort = org.request.bind(org);
    org.request = <T>(method: Parameters<FakeBulkOrg['request']>[0], path: string, body?: unknown): Promise<T> => {
      if (method === 'PATCH' && (body as { state: string }).state === 'Aborted') org.jobs[0].state = 'JobComplete';
      return abort<T>(method, path, body);
    };
    const outcomes = await runIngestJob(org, {
      ...FAST,
      timeoutMs: 5,
      object: 'Account',
      operation: 'insert',
      correlationField: 'Key__c',
      records: accounts(2),
    });
    expect([...outcomes.values()].every((outcome) => outcome.ok)).to.equal(true);
  });

  it('polls with a growing interval and reports every poll', async () => {
    org.pollsToComplete = 4;
    const seen: IngestJobInfo[] = [];
    const started = Date.now();
    await runIngestJob(org, {
      pollIntervalMs: 10,
      maxPollIntervalMs: 40,
      onPoll: (info) => seen.push(info),
      object: 'Account',
      operation: 'insert',
      correlationField: 'Key__c',
      records: accounts(1),
    });
    expect(seen.map((info) => info.state)).to.deep.equal(['InProgress', 'InProgress', 'InProgress', 'JobComplete']);
    // 10 + 15 + 23 + 35 ms: the waits grow by half each time.
    expect(Date.now() - started).to.be.greaterThanOrEqual(80);
  });

  it('retries a poll and a result download that failed with a transient error', async () => {
    const unavailable = (): Error => Object.assign(new Error('Service Unavailable'), { errorCode: 'ERROR_HTTP_503' });
    org.failures.push({ method: 'GET', pathPattern: /\/jobs\/ingest\/\w+$/, error: unavailable() });
    org.failures.push({ method: 'GET', pathPattern: /successfulResults$/, error: unavailable() });
    const outcomes = await runIngestJob(org, { ...FAST, object: 'Account', operation: 'insert', correlationField: 'Key__c', records: accounts(2) });
    expect([...outcomes.values()].every((outcome) => outcome.ok)).to.equal(true);
    expect(org.failures).to.have.length(0);
  });

  it('splits the records into several jobs and merges their outcomes', async () => {
    org.decide = (row) => ({ result: 'success', id: `001-${row.Key__c}`, created: true });
    const outcomes = await runIngestJob(org, {
      ...FAST,
      maxRecordsPerJob: 3,
      object: 'Account',
      operation: 'insert',
      correlationField: 'Key__c',
      records: accounts(7),
    });
    expect(org.jobs.map((job) => org.uploadedRows(job).length)).to.deep.equal([3, 3, 1]);
    expect(org.jobs.every((job) => job.csv?.startsWith('Name,Key__c\n'))).to.equal(true);
    expect([...outcomes.keys()].sort()).to.deep.equal(
      accounts(7)
        .map((record) => record.key)
        .sort()
    );
    expect(outcomes.get('src-6')?.targetId).to.equal('001-K6');
  });

  it('aborts the job of a failed upload and says that nothing of it was written, keeping earlier jobs', async () => {
    org.failures.push({
      method: 'PUT',
      pathPattern: /750000000000002AAA/,
      error: Object.assign(new Error('Session expired or invalid'), { errorCode: 'INVALID_SESSION_ID' }),
    });
    const request: IngestRequest = { ...FAST, maxRecordsPerJob: 2, object: 'Account', operation: 'insert', correlationField: 'Key__c', records: accounts(4) };
    const error = await expectRejection(runIngestJob(org, request));
    expect(error).to.be.instanceOf(BulkJobError);
    const { details, message } = error as BulkJobError;
    expect(details.jobId).to.equal('750000000000002AAA');
    expect(details.mayHaveWritten).to.equal(false);
    expect([...details.settled.keys()]).to.deep.equal(['src-1', 'src-0']);
    expect(message).to.equal('Bulk API insert of Account (job 750000000000002AAA) failed: Session expired or invalid');
    expect(errorCodeOf(error)).to.equal('INVALID_SESSION_ID');
    expect(org.jobs[1].state).to.equal('Aborted');
  });

  it('says a job may have written records when it failed after being closed', async () => {
    org.failures.push({ method: 'GET', pathPattern: /\/jobs\/ingest\/\w+$/, error: Object.assign(new Error('bad'), { errorCode: 'INVALID_SESSION_ID' }) });
    const error = await expectRejection(
      runIngestJob(org, { ...FAST, object: 'Account', operation: 'insert', correlationField: 'Key__c', records: accounts(1) })
    );
    expect((error as BulkJobError).details.mayHaveWritten).to.equal(true);
  });

  describe('refuses, before any call, what would make results unattributable', () => {
    const cases: Array<[string, IngestRequest, RegExp]> = [
      ['an insert without a correlation field', { object: 'Account', operation: 'insert', records: accounts(1) }, /needs a correlation field/],
      ['an upsert without an external id field', { object: 'Account', operation: 'upsert', records: accounts(1) }, /needs an external id field/],
      [
        'two records with one correlation value',
        { object: 'Account', operation: 'insert', correlationField: 'Name', records: [...accounts(1), { key: 'dup', values: { Name: 'Account 0' } }] },
        /Name 'Account 0' is set on two records/,
      ],
      [
        'a record without a correlation value',
        { object: 'Account', operation: 'insert', correlationField: 'Key__c', records: [{ key: 'k', values: { Name: 'n', Key__c: null } }] },
        /Record 'k' has no Key__c/,
      ],
      ['an update without Id', { object: 'Account', operation: 'update', records: accounts(1) }, /Record 'src-0' has no Id/],
      [
        'two records with one key',
        {
          object: 'Account',
          operation: 'update',
          records: [
            { key: 'k', values: { Id: '001A' } },
            { key: 'k', values: { Id: '001B' } },
          ],
        },
        /Record key 'k' appears twice/,
      ],
    ];
    for (const [name, request, pattern] of cases) {
      it(name, async () => {
        const error = await expectRejection(runIngestJob(org, request));
        expect(error).to.be.instanceOf(CorrelationError);
        expect((error as Error).message).to.match(pattern);
        expect(org.calls).to.have.length(0);
      });
    }
  });

  it('makes no call for no records', async () => {
    const outcomes = await runIngestJob(org, { object: 'Account', operation: 'insert', records: [] });
    expect(outcomes.size).to.equal(0);
    expect(org.calls).to.have.length(0);
  });
});
