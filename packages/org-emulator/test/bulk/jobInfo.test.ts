import { expect } from 'chai';
import { idChecksum as checksumSuffix } from '../../src/org/ids.js';
import { createJobIdGenerator } from '../../src/bulk/jobIds.js';
import { formatJobDate } from '../../src/bulk/jobInfo.js';
import { bodyText, bulkKit, json, runIngestJob, send, USER_ID } from './bulkTestKit.js';

// Key lists in Salesforce's order, from the Bulk API 2.0 guide's samples (create/close/get ingest job, get all
// jobs) and recorded responses of upsert jobs (externalIdFieldName sits after state).
const HEAD = ['id', 'operation', 'object', 'createdById', 'createdDate', 'systemModstamp', 'state', 'concurrencyMode', 'contentType', 'apiVersion'];
const UPSERT_HEAD = [...HEAD.slice(0, 7), 'externalIdFieldName', ...HEAD.slice(7)];
const COUNTERS = ['numberRecordsProcessed', 'numberRecordsFailed', 'retries', 'totalProcessingTime', 'apiActiveProcessingTime', 'apexProcessingTime'];

describe('bulk job info', () => {
  it('answers job creation with the create keys, in order, and 62.0 as a decimal', async () => {
    const kit = bulkKit();
    const response = await send(kit, 'POST', '/jobs/ingest/', { object: 'account', operation: 'insert' });
    const info = json(response);
    expect(Object.keys(info)).to.deep.equal([...HEAD, 'contentUrl', 'lineEnding', 'columnDelimiter']);
    expect(info).to.include({
      operation: 'insert',
      object: 'Account',
      createdById: USER_ID,
      createdDate: '2024-05-06T07:08:09.000+0000',
      state: 'Open',
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      contentUrl: `services/data/v62.0/jobs/ingest/${String(info.id)}/batches`,
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
    });
    expect(bodyText(response)).to.contain('"apiVersion":62.0,');
    expect(response.headers?.['content-type']).to.match(/^application\/json/);
  });

  it('echoes the external id field of an upsert job after state', async () => {
    const kit = bulkKit();
    const info = json(await send(kit, 'POST', '/jobs/ingest', { object: 'Account', operation: 'upsert', externalIdFieldName: 'External_Id__c' }));
    expect(Object.keys(info).slice(0, 11)).to.deep.equal(UPSERT_HEAD);
  });

  it('answers a state change with the head keys only', async () => {
    const kit = bulkKit();
    const id = String(json(await send(kit, 'POST', '/jobs/ingest', { object: 'Account', operation: 'insert' })).id);
    const closed = json(await send(kit, 'PATCH', `/jobs/ingest/${id}`, { state: 'UploadComplete' }));
    expect(Object.keys(closed)).to.deep.equal(HEAD);
    expect(closed.state).to.equal('UploadComplete');
  });

  it('gives the upload URL while Open and the counters always', async () => {
    const kit = bulkKit();
    const id = String(json(await send(kit, 'POST', '/jobs/ingest', { object: 'Account', operation: 'insert' })).id);
    const open = json(await send(kit, 'GET', `/jobs/ingest/${id}`));
    expect(Object.keys(open)).to.deep.equal([...HEAD, 'jobType', 'contentUrl', 'lineEnding', 'columnDelimiter', ...COUNTERS]);
    expect(open.jobType).to.equal('V2Ingest');

    const { info: done } = await runIngestJob(kit, { object: 'Account', operation: 'insert' }, 'Name\nA\n');
    expect(Object.keys(done)).to.deep.equal([...HEAD, 'jobType', 'lineEnding', 'columnDelimiter', ...COUNTERS]);
    expect(done).to.include({ numberRecordsProcessed: 1, numberRecordsFailed: 0, retries: 0, apexProcessingTime: 0 });
  });

  it('adds errorMessage to a failed job', async () => {
    const { info } = await runIngestJob(bulkKit(), { object: 'Account', operation: 'insert' }, 'Bad\nA\n');
    expect(Object.keys(info).at(-1)).to.equal('errorMessage');
  });

  it('lists ingest jobs as { done, records, nextRecordsUrl }', async () => {
    const kit = bulkKit();
    await send(kit, 'POST', '/jobs/ingest', { object: 'Account', operation: 'insert' });
    const list = json(await send(kit, 'GET', '/jobs/ingest'));
    expect(Object.keys(list)).to.deep.equal(['done', 'records', 'nextRecordsUrl']);
    expect(list).to.include({ done: true, nextRecordsUrl: null });
    const [entry] = list.records as Array<Record<string, unknown>>;
    expect(Object.keys(entry)).to.deep.equal([...HEAD, 'jobType', 'contentUrl', 'lineEnding', 'columnDelimiter']);
    const filtered = json(await send(kit, 'GET', '/jobs/ingest', '', { query: { jobType: 'Classic' } }));
    expect(filtered.records).to.deep.equal([]);
  });

  it('pages the job list 1,000 at a time', async () => {
    const kit = bulkKit();
    for (let i = 0; i < 1001; i++) await send(kit, 'POST', '/jobs/ingest', { object: 'Account', operation: 'insert' });
    const first = json(await send(kit, 'GET', '/jobs/ingest'));
    expect(first.done).to.equal(false);
    expect((first.records as unknown[]).length).to.equal(1000);
    const locator = new URL(String(first.nextRecordsUrl), 'http://x').searchParams.get('queryLocator') ?? '';
    expect(String(first.nextRecordsUrl)).to.match(/^\/services\/data\/v62\.0\/jobs\/ingest\?queryLocator=/);
    const second = json(await send(kit, 'GET', '/jobs/ingest', '', { query: { queryLocator: locator } }));
    expect(second).to.include({ done: true, nextRecordsUrl: null });
    expect((second.records as unknown[]).length).to.equal(1);
  });

  it('formats job dates in UTC to the second with +0000', () => {
    expect(formatJobDate(new Date('2022-01-02T21:33:43.987Z'))).to.equal('2022-01-02T21:33:43.000+0000');
  });

  it('makes 18-character 750 ids with a valid checksum', () => {
    const next = createJobIdGenerator();
    const ids = [next(), next(), next()];
    expect(new Set(ids).size).to.equal(3);
    for (const id of ids) {
      expect(id).to.match(/^750[0-9A-Za-z]{15}$/);
      expect(id.slice(15)).to.equal(checksumSuffix(id.slice(0, 15)));
    }
    // A real pair: 001D000000Kv3g5 -> IAB (guide sample id 001D000000Kv3g5IAB).
    expect(checksumSuffix('001D000000Kv3g5')).to.equal('IAB');
  });
});
