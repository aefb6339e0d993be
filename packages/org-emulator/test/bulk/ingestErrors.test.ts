import { expect } from 'chai';
import { exceedsUploadLimit, MAX_UPLOAD_BASE64_BYTES } from '../../src/bulk/ingestRoutes.js';
import { bulkKit, json, resultText, runIngestJob, send, waitForState, type Kit } from './bulkTestKit.js';

async function openJob(kit: Kit, csv?: string): Promise<string> {
  const id = String(json(await send(kit, 'POST', '/jobs/ingest', { object: 'Account', operation: 'insert' })).id);
  if (csv !== undefined) await send(kit, 'PUT', `/jobs/ingest/${id}/batches`, csv);
  return id;
}

describe('bulk ingest errors', () => {
  describe('job creation', () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['an unknown object', { object: 'Nope__c', operation: 'insert' }, 'INVALIDJOB', 'InvalidJob : Unable to find object: Nope__c'],
      [
        'an upsert without externalIdFieldName',
        { object: 'account', operation: 'upsert' },
        'INVALIDJOB',
        'InvalidJob : External ID was blank for Account. An External ID must be specified for upsert.',
      ],
      [
        'an upsert on a field that is not an external id',
        { object: 'Account', operation: 'upsert', externalIdFieldName: 'Name' },
        'INVALIDJOB',
        'InvalidJob : Field name provided, Name does not match an External ID for Account',
      ],
      ['a bad operation', { object: 'Account', operation: 'merge' }, 'API_ERROR', "Invalid value: 'merge' supplied for property: 'operation'"],
      [
        'a bad column delimiter',
        { object: 'Account', operation: 'insert', columnDelimiter: 'COLON' },
        'API_ERROR',
        "Invalid value: 'COLON' supplied for property: 'columnDelimiter'",
      ],
      [
        'a bad content type',
        { object: 'Account', operation: 'insert', contentType: 'JSON' },
        'API_ERROR',
        "Invalid value: 'JSON' supplied for property: 'contentType'",
      ],
    ];
    for (const [what, body, errorCode, message] of cases) {
      it(`refuses ${what} with 400 ${errorCode}`, async () => {
        const response = await send(bulkKit(), 'POST', '/jobs/ingest', body);
        expect(response.status).to.equal(400);
        expect(response.body).to.deep.equal([{ message, errorCode }]);
      });
    }

    it('refuses a body that is not JSON', async () => {
      const response = await send(bulkKit(), 'POST', '/jobs/ingest', '{"object":');
      expect(response.status).to.equal(400);
      expect(json(response)[0].errorCode).to.equal('JSON_PARSER_ERROR');
    });
  });

  describe('uploads', () => {
    it('accepts one upload per job, as Salesforce does', async () => {
      const kit = bulkKit();
      const id = await openJob(kit, 'Name\nA\n');
      const second = await send(kit, 'PUT', `/jobs/ingest/${id}/batches`, 'Name\nB\n');
      expect(second.status).to.equal(400);
      expect(second.body).to.deep.equal([
        {
          errorCode: 'BULK_API_ERROR',
          message: `Found multipe contents for job: <${id.slice(0, 15)}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`,
        },
      ]);
    });

    it('refuses uploads to a closed job', async () => {
      const kit = bulkKit();
      const id = await openJob(kit);
      await send(kit, 'PATCH', `/jobs/ingest/${id}`, { state: 'Aborted' });
      const upload = await send(kit, 'PUT', `/jobs/ingest/${id}/batches`, 'Name\nA\n');
      expect(upload.status).to.equal(400);
      expect(json(upload)[0].errorCode).to.equal('INVALIDJOBSTATE');
    });

    it('measures the 150 MB limit on the base64 size, as Salesforce does', () => {
      const largestRawUpload = (MAX_UPLOAD_BASE64_BYTES / 4) * 3;
      expect(exceedsUploadLimit('x'.repeat(largestRawUpload))).to.equal(false);
      expect(exceedsUploadLimit('x'.repeat(largestRawUpload + 1))).to.equal(true);
    });
  });

  describe('invalid data', () => {
    it('fails the job on an unknown column and leaves every row unprocessed', async () => {
      const kit = bulkKit();
      const { id, info } = await runIngestJob(kit, { object: 'Account', operation: 'insert' }, 'Name,Foo\nA,1\nB,2\n');
      expect(info).to.include({
        state: 'Failed',
        errorMessage: 'InvalidBatch : Field name not found : Foo',
        numberRecordsProcessed: 0,
        numberRecordsFailed: 0,
      });
      expect(kit.dml.calls).to.have.length(0);
      expect(await resultText(kit, id, 'unprocessedrecords')).to.match(/^Name,Foo\n/);
      expect(await resultText(kit, id, 'unprocessedrecords'))
        .to.contain('"A","1"')
        .and.contain('"B","2"');
      expect(await resultText(kit, id, 'successfulResults')).to.equal('"sf__Id","sf__Created",Name,Foo\n');
    });

    it('fails the job when the data does not use the declared line ending', async () => {
      const kit = bulkKit();
      const { info } = await runIngestJob(kit, { object: 'Account', operation: 'insert' }, 'Name\r\nA\r\n');
      expect(info).to.include({
        state: 'Failed',
        errorMessage: 'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF',
      });
    });

    it('refuses a type prefix on a lookup that is not polymorphic', async () => {
      const kit = bulkKit();
      const { info } = await runIngestJob(kit, { object: 'Contact', operation: 'insert' }, 'LastName,Account:Account.Name\nA,B\n');
      expect(info.errorMessage).to.equal('InvalidBatch : type is not needed for non polymorphic foreign key references: Account');
    });

    it('refuses an unknown relationship', async () => {
      const kit = bulkKit();
      const { info } = await runIngestJob(kit, { object: 'Contact', operation: 'insert' }, 'LastName,Owner.Email\nA,B\n');
      expect(info.errorMessage).to.equal('InvalidBatch : Unable to find relationship: Owner');
    });
  });

  describe('job states', () => {
    it('answers 404 NOT_FOUND for an unknown job', async () => {
      const response = await send(bulkKit(), 'GET', '/jobs/ingest/7505g0000000000AAA');
      expect(response).to.deep.equal({
        status: 404,
        body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }],
      });
    });

    it('does not give results before the job is finished', async () => {
      const kit = bulkKit();
      const id = await openJob(kit, 'Name\nA\n');
      const response = await send(kit, 'GET', `/jobs/ingest/${id}/successfulResults`);
      expect(response.status).to.equal(400);
    });

    it('aborts an open job: nothing is written and the upload is unprocessed', async () => {
      const kit = bulkKit();
      const id = await openJob(kit, 'Name\nA\nB\n');
      const aborted = await send(kit, 'PATCH', `/jobs/ingest/${id}`, { state: 'Aborted' });
      expect(json(aborted).state).to.equal('Aborted');
      expect(kit.dml.calls).to.have.length(0);
      const unprocessed = await resultText(kit, id, 'unprocessedrecords');
      expect(unprocessed.split('\n').filter(Boolean).sort()).to.deep.equal(['"A"', '"B"', 'Name']);
    });

    it('aborts a job in progress between chunks; the rest stays unprocessed', async () => {
      const kit = bulkKit({ perRecordMs: 1 });
      const csv = 'Name\n' + Array.from({ length: 450 }, (_, i) => `A${i}`).join('\n') + '\n';
      const id = await openJob(kit, csv);
      await send(kit, 'PATCH', `/jobs/ingest/${id}`, { state: 'UploadComplete' });
      const running = await waitForState(kit, 'ingest', id, ['InProgress']);
      expect(running.numberRecordsProcessed).to.equal(200);
      await send(kit, 'PATCH', `/jobs/ingest/${id}`, { state: 'Aborted' });
      await new Promise((resolve) => setTimeout(resolve, 250));
      const info = json(await send(kit, 'GET', `/jobs/ingest/${id}`));
      expect(info).to.include({ state: 'Aborted', numberRecordsProcessed: 200 });
      const unprocessed = (await resultText(kit, id, 'unprocessedrecords')).split('\n').filter(Boolean);
      expect(unprocessed).to.have.length(251);
    });

    it('refuses to abort a completed job', async () => {
      const kit = bulkKit();
      const { id } = await runIngestJob(kit, { object: 'Account', operation: 'insert' }, 'Name\nA\n');
      const response = await send(kit, 'PATCH', `/jobs/ingest/${id}`, { state: 'Aborted' });
      expect(response.body).to.deep.equal([{ message: 'Aborting already Completed Job not allowed', errorCode: 'INVALIDJOBSTATE' }]);
    });

    it('refuses to close a job twice', async () => {
      const kit = bulkKit();
      const { id } = await runIngestJob(kit, { object: 'Account', operation: 'insert' }, 'Name\nA\n');
      const response = await send(kit, 'PATCH', `/jobs/ingest/${id}`, { state: 'UploadComplete' });
      expect(response.status).to.equal(400);
      expect(json(response)[0].errorCode).to.equal('INVALIDJOBSTATE');
    });

    it('deletes finished jobs only', async () => {
      const kit = bulkKit();
      const open = await openJob(kit);
      expect((await send(kit, 'DELETE', `/jobs/ingest/${open}`)).status).to.equal(400);
      const { id } = await runIngestJob(kit, { object: 'Account', operation: 'insert' }, 'Name\nA\n');
      expect(await send(kit, 'DELETE', `/jobs/ingest/${id}`)).to.deep.equal({ status: 204 });
      expect((await send(kit, 'GET', `/jobs/ingest/${id}`)).status).to.equal(404);
    });

    it('forgets jobs and stops processing on reset', async () => {
      const kit = bulkKit({ perRecordMs: 50 });
      const id = await openJob(kit, 'Name\n' + Array.from({ length: 300 }, (_, i) => `A${i}`).join('\n') + '\n');
      await send(kit, 'PATCH', `/jobs/ingest/${id}`, { state: 'UploadComplete' });
      await waitForState(kit, 'ingest', id, ['InProgress']);
      kit.api.reset();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await send(kit, 'GET', `/jobs/ingest/${id}`)).status).to.equal(404);
      expect(kit.dml.calls).to.have.length(1);
    });
  });
});
