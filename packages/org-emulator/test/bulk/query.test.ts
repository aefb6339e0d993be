import { expect } from 'chai';
import { hasChildSubquery, queryRowCells } from '../../src/bulk/queryCells.js';
import { bodyText, bulkKit, json, runIngestJob, send, waitForState, type Kit } from './bulkTestKit.js';

async function seed(kit: Kit): Promise<void> {
  await runIngestJob(kit, { object: 'Account', operation: 'insert' }, 'Name,External_Id__c\nAcme,A-1\n');
  const contacts = ['Ann', 'Bob', 'Cid', 'Dee'].map((name) => `${name},A-1`).join('\n');
  await runIngestJob(kit, { object: 'Contact', operation: 'insert' }, `LastName,Account.External_Id__c\n${contacts}\nEve,\n`);
}

async function completedQueryJob(kit: Kit, query: string, options: Record<string, unknown> = {}): Promise<string> {
  const created = json(await send(kit, 'POST', '/jobs/query', { operation: 'query', query, ...options }));
  await waitForState(kit, 'query', String(created.id), ['JobComplete']);
  return String(created.id);
}

describe('bulk query jobs', () => {
  it('creates a job in UploadComplete with the create keys, then completes it', async () => {
    const kit = bulkKit();
    await seed(kit);
    const created = json(await send(kit, 'POST', '/jobs/query', { operation: 'query', query: 'SELECT Id FROM Contact' }));
    expect(Object.keys(created)).to.deep.equal([
      'id',
      'operation',
      'object',
      'createdById',
      'createdDate',
      'systemModstamp',
      'state',
      'concurrencyMode',
      'contentType',
      'apiVersion',
      'lineEnding',
      'columnDelimiter',
    ]);
    expect(created).to.include({ operation: 'query', object: 'Contact', state: 'UploadComplete' });
    const info = await waitForState(kit, 'query', String(created.id), ['JobComplete']);
    expect(Object.keys(info).slice(10)).to.deep.equal([
      'jobType',
      'lineEnding',
      'columnDelimiter',
      'numberRecordsProcessed',
      'retries',
      'totalProcessingTime',
      'isPkChunkingSupported',
    ]);
    expect(info).to.include({ jobType: 'V2Query', numberRecordsProcessed: 5 });
  });

  it('writes results with the query columns as header, parent paths dotted, null as an empty cell', async () => {
    const kit = bulkKit();
    await seed(kit);
    const id = await completedQueryJob(kit, 'SELECT LastName, Account.Name FROM Contact');
    const response = await send(kit, 'GET', `/jobs/query/${id}/results`);
    expect(response.headers).to.deep.include({ 'Sforce-Locator': 'null', 'Sforce-NumberOfRecords': '5' });
    expect(response.headers?.['content-type']).to.match(/^text\/csv/);
    expect(response.body).to.equal('"LastName","Account.Name"\n"Ann","Acme"\n"Bob","Acme"\n"Cid","Acme"\n"Dee","Acme"\n"Eve",""\n');
    expect(kit.stats.slice(-1)).to.deep.equal(['bulkQueryResults']);
  });

  it('pages results with maxRecords and the Sforce-Locator of each page until "null"', async () => {
    const kit = bulkKit();
    await seed(kit);
    const id = await completedQueryJob(kit, 'SELECT LastName FROM Contact', { columnDelimiter: 'PIPE', lineEnding: 'CRLF' });
    const pages: string[] = [];
    let locator: string | undefined;
    for (;;) {
      const query: Record<string, string> = { maxRecords: '2', ...(locator ? { locator } : {}) };
      const response = await send(kit, 'GET', `/jobs/query/${id}/results`, '', { query });
      pages.push(`${String(response.headers?.['Sforce-NumberOfRecords'])}:${bodyText(response)}`);
      locator = response.headers?.['Sforce-Locator'];
      if (locator === 'null') break;
    }
    expect(pages).to.deep.equal(['2:"LastName"\r\n"Ann"\r\n"Bob"\r\n', '2:"LastName"\r\n"Cid"\r\n"Dee"\r\n', '1:"LastName"\r\n"Eve"\r\n']);
  });

  it('answers an empty body for a query without rows', async () => {
    const kit = bulkKit();
    const id = await completedQueryJob(kit, 'SELECT Id FROM Lead');
    const response = await send(kit, 'GET', `/jobs/query/${id}/results`);
    expect(response.body).to.equal('');
    expect(response.headers).to.deep.include({ 'Sforce-Locator': 'null', 'Sforce-NumberOfRecords': '0' });
  });

  it('refuses an invalid query at creation with the SOQL error', async () => {
    const response = await send(bulkKit(), 'POST', '/jobs/query', { operation: 'query', query: 'SELECT Foo FROM Account' });
    expect(response).to.deep.equal({
      status: 400,
      body: [{ message: "No such column 'Foo' on entity 'Account'.", errorCode: 'INVALID_FIELD' }],
    });
  });

  it('refuses parent-to-child subqueries and compound fields, as Bulk 2.0 does', async () => {
    const kit = bulkKit();
    const subquery = await send(kit, 'POST', '/jobs/query', { operation: 'query', query: 'SELECT Id, (SELECT Id FROM Contacts) FROM Account' });
    expect(json(subquery)[0]).to.deep.include({ errorCode: 'FEATURENOTENABLED' });
    const compound = await send(kit, 'POST', '/jobs/query', { operation: 'query', query: 'SELECT Id, BillingAddress FROM Account' });
    expect(compound.body).to.deep.equal([{ message: 'Selecting compound data not supported in Bulk Query', errorCode: 'API_ERROR' }]);
    expect(hasChildSubquery("SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account) AND Name != 'from ('")).to.equal(false);
  });

  it('passes queryAll to the query as includeDeleted, and refuses other operations', async () => {
    const seen: boolean[] = [];
    const kit = bulkKit();
    kit.deps.query = (_soql, includeDeleted) => {
      seen.push(includeDeleted);
      return { records: [], totalSize: 0, objectName: 'Account', columns: ['Id'] };
    };
    await send(kit, 'POST', '/jobs/query', { operation: 'queryAll', query: 'SELECT Id FROM Account' });
    expect(seen).to.deep.equal([true]);
    const bad = await send(kit, 'POST', '/jobs/query', { operation: 'select', query: 'SELECT Id FROM Account' });
    expect(bad.body).to.deep.equal([{ message: "Invalid value: 'select' supplied for property: 'operation'", errorCode: 'API_ERROR' }]);
  });

  it('aborts a job in progress, refuses to abort it twice, and deletes it once finished', async () => {
    const kit = bulkKit({ perRowReadMs: 1000 });
    await send(kit, 'POST', '/jobs/query', { operation: 'query', query: 'SELECT Id FROM Lead' });
    const created = json(await send(kit, 'POST', '/jobs/query', { operation: 'query', query: 'SELECT Id FROM Account' }));
    const id = String(created.id);
    const aborted = json(await send(kit, 'PATCH', `/jobs/query/${id}`, { state: 'Aborted' }));
    expect(aborted.state).to.equal('Aborted');
    expect(Object.keys(aborted).at(-1)).to.equal('apiVersion');
    const again = await send(kit, 'PATCH', `/jobs/query/${id}`, { state: 'Aborted' });
    expect(again.body).to.deep.equal([{ message: 'Aborting already Completed Job not allowed', errorCode: 'INVALIDJOBSTATE' }]);
    expect((await send(kit, 'GET', `/jobs/query/${id}/results`)).status).to.equal(412);
    expect(await send(kit, 'DELETE', `/jobs/query/${id}`)).to.deep.equal({ status: 204 });
    expect((await send(kit, 'GET', `/jobs/query/${id}`)).status).to.equal(404);
    kit.api.reset();
  });

  it('answers 412 JOB_NOT_COMPLETE for results asked before the job is complete, as the guide shows', async () => {
    const kit = bulkKit({ perRowReadMs: 1000 });
    await seed(kit);
    const created = json(await send(kit, 'POST', '/jobs/query', { operation: 'query', query: 'SELECT Id FROM Contact' }));
    await waitForState(kit, 'query', String(created.id), ['InProgress']);
    const response = await send(kit, 'GET', `/jobs/query/${String(created.id)}/results`);
    expect(response).to.deep.equal({
      status: 412,
      body: [
        {
          message: 'can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: IN_PROGRESS',
          errorCode: 'JOB_NOT_COMPLETE',
        },
      ],
    });
    kit.api.reset();
  });

  it('does not charge query jobs the per-record cost of writes: reads cost their requests only', async () => {
    const kit = bulkKit();
    await seed(kit);
    kit.deps.perRecordMs = 1000;
    const started = Date.now();
    await completedQueryJob(kit, 'SELECT Id FROM Contact');
    expect(Date.now() - started).to.be.lessThan(1000);
  });

  it('refuses a locator it never issued, maxRecords that is not a positive number, and an unknown job', async () => {
    const kit = bulkKit();
    await seed(kit);
    const id = await completedQueryJob(kit, 'SELECT Id FROM Contact');
    const badLocator = await send(kit, 'GET', `/jobs/query/${id}/results`, '', { query: { locator: 'not-a-locator' } });
    expect(badLocator.status).to.equal(400);
    const beyond = await send(kit, 'GET', `/jobs/query/${id}/results`, '', { query: { locator: 'OTk5' } });
    expect(beyond.status, 'offset 999 of 5 rows').to.equal(400);
    for (const maxRecords of ['0', '-1', 'ten']) {
      const bad = await send(kit, 'GET', `/jobs/query/${id}/results`, '', { query: { maxRecords } });
      expect(bad.status, maxRecords).to.equal(400);
    }
    const unknown = await send(kit, 'GET', '/jobs/query/750000000000000AAA/results');
    expect(unknown).to.deep.equal({ status: 404, body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] });
  });

  it('needs the API version the job was created in to give results', async () => {
    const kit = bulkKit();
    const id = await completedQueryJob(kit, 'SELECT Id FROM Account');
    const response = await send(kit, 'GET', `/jobs/query/${id}/results`, '', { apiVersion: '61.0' });
    expect(response.status).to.equal(409);
  });

  it('lists query jobs apart from ingest jobs', async () => {
    const kit = bulkKit();
    await completedQueryJob(kit, 'SELECT Id FROM Account');
    await send(kit, 'POST', '/jobs/ingest', { object: 'Account', operation: 'insert' });
    const list = json(await send(kit, 'GET', '/jobs/query'));
    expect((list.records as Array<Record<string, unknown>>).map((job) => job.jobType)).to.deep.equal(['V2Query']);
  });

  it('writes datetimes with Z, booleans as words and nulls as empty cells', () => {
    const record = { CreatedDate: '2024-01-02T03:04:05.000+0000', Active__c: false, Parent: null, Count: 3 };
    expect(queryRowCells(record, ['CreatedDate', 'Active__c', 'Parent.Name', 'Count'])).to.deep.equal(['2024-01-02T03:04:05.000Z', 'false', '', '3']);
  });
});
