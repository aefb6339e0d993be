import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { bulkKit, json, resultText, runIngestJob, send, type Kit } from './bulkTestKit.js';

function csvRows(text: string): string[][] {
  const rows: string[][] = parse(text);
  return rows;
}

async function seedAccounts(kit: Kit, csv: string): Promise<string[]> {
  const { id } = await runIngestJob(kit, { object: 'Account', operation: 'insert' }, csv);
  return csvRows(await resultText(kit, id, 'successfulResults'))
    .slice(1)
    .map((row) => row[0]);
}

describe('bulk ingest jobs', () => {
  it('inserts rows and reports successes and failures in Salesforce CSV form', async () => {
    const kit = bulkKit();
    const { id, info } = await runIngestJob(
      kit,
      { object: 'Account', operation: 'insert' },
      'Name,NumberOfEmployees,Active__c\nAcme,12,true\n,5,false\nGlobex,#N/A,\n'
    );
    expect(info).to.include({ state: 'JobComplete', numberRecordsProcessed: 3, numberRecordsFailed: 1 });

    const successes = await resultText(kit, id, 'successfulResults');
    expect(successes.split('\n')[0]).to.equal('"sf__Id","sf__Created",Name,NumberOfEmployees,Active__c');
    const successRows = csvRows(successes).slice(1);
    expect(successRows.map((row) => row.slice(1))).to.have.deep.members([
      ['true', 'Acme', '12', 'true'],
      ['true', 'Globex', '#N/A', ''],
    ]);
    expect(successRows.every((row) => row[0].startsWith('001'))).to.equal(true);

    expect(await resultText(kit, id, 'failedResults')).to.equal(
      '"sf__Id","sf__Error",Name,NumberOfEmployees,Active__c\n' + '"","REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --","","5","false"\n'
    );
    expect(await resultText(kit, id, 'unprocessedrecords')).to.equal('Name,NumberOfEmployees,Active__c\n');

    const acme = kit.dml.find('Account', (record) => record.Name === 'Acme');
    expect(acme).to.include({ NumberOfEmployees: 12, Active__c: true });
    const globex = kit.dml.find('Account', (record) => record.Name === 'Globex');
    expect(globex).to.have.property('NumberOfEmployees', null);
    expect(globex).to.not.have.property('Active__c');
  });

  it('counts every call under its stats kind', async () => {
    const kit = bulkKit();
    const { id } = await runIngestJob(kit, { object: 'Account', operation: 'insert' }, 'Name\nA\n');
    await resultText(kit, id, 'successfulResults');
    expect(kit.stats[0]).to.equal('bulkJobCreate');
    expect(kit.stats.slice(1, 3)).to.deep.equal(['bulkUpload', 'bulkClose']);
    expect(kit.stats.slice(3, -1).every((kind) => kind === 'bulkPoll')).to.equal(true);
    expect(kit.stats.at(-1)).to.equal('bulkResults');
  });

  it('updates by Id: empty cells leave fields alone, #N/A clears them, unknown ids fail with their Id', async () => {
    const kit = bulkKit();
    const [first] = await seedAccounts(kit, 'Name,Description,NumberOfEmployees\nAcme,Old,3\n');
    const missing = '0015g00000ZZZZZAAA';
    const { id, info } = await runIngestJob(
      kit,
      { object: 'Account', operation: 'update' },
      `Id,Description,NumberOfEmployees\n${first},,#N/A\n${missing},x,1\n`
    );
    expect(info).to.include({ numberRecordsProcessed: 2, numberRecordsFailed: 1 });
    expect(kit.dml.records.get(first)?.record).to.include({ Description: 'Old', NumberOfEmployees: null });
    expect(csvRows(await resultText(kit, id, 'successfulResults'))[1]).to.deep.equal([first, 'false', first, '', '#N/A']);
    expect(csvRows(await resultText(kit, id, 'failedResults'))[1]).to.deep.equal([
      missing,
      'INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--',
      missing,
      'x',
      '1',
    ]);
  });

  it('upserts on the external id and reports sf__Created per row', async () => {
    const kit = bulkKit();
    await seedAccounts(kit, 'Name,External_Id__c\nOld,EXT-1\n');
    const { id, info } = await runIngestJob(
      kit,
      { object: 'Account', operation: 'upsert', externalIdFieldName: 'external_id__c' },
      'External_Id__c,Name\next-1,Renamed\nEXT-2,New\n'
    );
    expect(info).to.include({ externalIdFieldName: 'External_Id__c', numberRecordsProcessed: 2 });
    const created = csvRows(await resultText(kit, id, 'successfulResults'))
      .slice(1)
      .map((row) => [row[3], row[1]]);
    expect(created).to.have.deep.members([
      ['Renamed', 'false'],
      ['New', 'true'],
    ]);
    expect(kit.dml.all('Account').map((record) => record.Name)).to.have.members(['Renamed', 'New']);
  });

  for (const operation of ['delete', 'hardDelete']) {
    it(`${operation}s by Id and tells the DML engine whether the delete is hard`, async () => {
      const kit = bulkKit();
      const [first, second] = await seedAccounts(kit, 'Name\nA\nB\n');
      const { id, info } = await runIngestJob(kit, { object: 'Account', operation }, `Id\n${first}\n${second}\n`);
      expect(info).to.include({ state: 'JobComplete', numberRecordsProcessed: 2, numberRecordsFailed: 0 });
      expect(kit.dml.all('Account')).to.have.length(0);
      expect(kit.dml.calls.at(-1)).to.deep.include({ method: 'delete', size: 2 });
      expect(kit.dml.calls.at(-1)?.options).to.deep.equal({ allOrNone: false, hard: operation === 'hardDelete' });
      const rows = csvRows(await resultText(kit, id, 'successfulResults')).slice(1);
      expect(rows.map((row) => row[1])).to.deep.equal(['false', 'false']);
    });
  }

  it('sends rows to the DML engine 200 at a time with allOrNone false', async () => {
    const kit = bulkKit();
    const csv = 'Name\n' + Array.from({ length: 450 }, (_, i) => `Account ${i}`).join('\n') + '\n';
    const { info } = await runIngestJob(kit, { object: 'Account', operation: 'insert' }, csv);
    expect(info.numberRecordsProcessed).to.equal(450);
    expect(kit.dml.calls.map((call) => call.size)).to.deep.equal([200, 200, 50]);
    expect(kit.dml.calls.every((call) => call.options.allOrNone === false)).to.equal(true);
  });

  it('returns every row of the results but never in upload order', async () => {
    const kit = bulkKit();
    const names = ['N0', 'N1', 'N2', 'N3', 'N4'];
    const { id } = await runIngestJob(kit, { object: 'Account', operation: 'insert' }, `Name\n${names.join('\n')}\n`);
    const returned = csvRows(await resultText(kit, id, 'successfulResults'))
      .slice(1)
      .map((row) => row[2]);
    expect(returned).to.have.members(names);
    expect(returned).to.not.deep.equal(names);
  });

  it('resolves relationship columns to parent ids and fails rows whose parent is missing', async () => {
    const kit = bulkKit();
    const [accountId] = await seedAccounts(kit, 'Name,External_Id__c\nParent,P-1\n');
    const { id, info } = await runIngestJob(
      kit,
      { object: 'Contact', operation: 'insert' },
      'LastName,Account.External_Id__c\nSmith,p-1\nJones,P-404\nNobody,\n'
    );
    expect(info).to.include({ numberRecordsProcessed: 3, numberRecordsFailed: 1 });
    expect(kit.dml.find('Contact', (record) => record.LastName === 'Smith')).to.include({ AccountId: accountId });
    expect(kit.dml.find('Contact', (record) => record.LastName === 'Nobody')).to.not.have.property('AccountId');
    expect(csvRows(await resultText(kit, id, 'failedResults'))[1]).to.deep.equal([
      '',
      'INVALID_FIELD:Foreign key external ID: P-404 not found for field External_Id__c in entity Account:--',
      'Jones',
      'P-404',
    ]);
  });

  it('resolves polymorphic columns written Type:Relationship.Field', async () => {
    const kit = bulkKit();
    const { id: leadJob } = await runIngestJob(kit, { object: 'Lead', operation: 'insert' }, 'LastName,Email\nLee,lee@example.com\n');
    const leadId = csvRows(await resultText(kit, leadJob, 'successfulResults'))[1][0];
    const { info } = await runIngestJob(kit, { object: 'Task', operation: 'insert' }, 'Subject,Lead:Who.Email\nCall,lee@example.com\n');
    expect(info.numberRecordsFailed).to.equal(0);
    expect(kit.dml.find('Task', (record) => record.Subject === 'Call')).to.include({ WhoId: leadId });
  });

  it('answers 201 with no body to the upload', async () => {
    const kit = bulkKit();
    const created = await send(kit, 'POST', '/jobs/ingest', { object: 'Account', operation: 'insert' });
    const id = String(json(created).id);
    const upload = await send(kit, 'PUT', `/jobs/ingest/${id}/batches`, 'Name\nA\n');
    expect(upload).to.deep.equal({ status: 201 });
  });
});
