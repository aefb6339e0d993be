/**
 * The Bulk API 2.0 client against an emulated org, through `ConnectionOrgApi` over a @salesforce/core
 * Connection (jsforce), as the plugin talks to real orgs. The emulator returns result rows shuffled, so
 * every outcome checked here was paired with its record by correlation, never by position. Each outcome is
 * checked against the org's own state.
 */
import type { Connection } from '@salesforce/core';
import { expect } from 'chai';
import { ConnectionOrgApi } from '../../src/lib/api/orgApi.js';
import { errorCodeOf } from '../../src/lib/api/failures.js';
import { runIngestJob, type IngestRecord } from '../../src/lib/bulk/bulkIngest.js';
import { connectTo } from '../support/orgConnection.js';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';
import { useProcessSandboxHome } from '../clients/processSandboxHome.js';
import { BULK_UNPROCESSED } from '../../src/lib/util/outcomeCodes.js';

const API_VERSION = '62.0';
const COUNT = 5000;
const FAST = { pollIntervalMs: 20, maxPollIntervalMs: 200 };
/** Values that break naive CSV: quotes, delimiters, line breaks, non-ASCII, leading spaces. */
const NOTES = ['plain', 'say "hi", then leave', 'line 1\nline 2', '  ünïcödé — 日本語 🚀', 'comma,semicolon;pipe|'];

const extId = (i: number): string => `SUP-${String(i).padStart(5, '0')}`;
/** Deliberate failures of the insert: a restricted picklist value and a validation rule. */
const BAD_PICKLIST = new Set([17, 2500, 4999]);
const BRANCH_WITHOUT_PARENT = new Set([42, 3333]);

function supplier(i: number): IngestRecord {
  let type = 'Independent';
  if (BAD_PICKLIST.has(i)) type = 'Wholesaler';
  if (BRANCH_WITHOUT_PARENT.has(i)) type = 'Branch';
  return {
    key: `src-${i}`,
    values: {
      Name: `Supplier ${i}`,
      External_Id__c: extId(i),
      Type__c: type,
      Notes__c: NOTES[i % NOTES.length],
      Active__c: i % 2 === 0,
      Annual_Spend__c: i * 10.5,
      Contract_Start__c: '2024-05-01',
      Phone__c: `+1 555 ${i}`,
    },
  };
}

describe('bulk client against the emulator (Bulk API 2.0 through jsforce)', function () {
  this.timeout(120_000);
  let emulated: EmulatedOrg;
  let conn: Connection;
  let restoreHome: () => void;

  const byExtId = (): Map<string, Record<string, unknown>> =>
    new Map(emulated.org.records('Supplier__c').map((record) => [String(record.External_Id__c), record as Record<string, unknown>]));

  before(async () => {
    restoreHome = useProcessSandboxHome().restore;
    emulated = await startOrg({ username: 'bulk-client@bulk.emulator.isync.test' });
    conn = await connectTo(emulated, API_VERSION);
  });

  after(async () => {
    await emulated?.stop();
    restoreHome?.();
  });

  it('inserts 5,000 records in one job and pairs every outcome with its record, failures included', async () => {
    const api = new ConnectionOrgApi(conn);
    const records = Array.from({ length: COUNT }, (_, i) => supplier(i));
    const polls: string[] = [];
    const outcomes = await runIngestJob(api, {
      ...FAST,
      object: 'Supplier__c',
      operation: 'insert',
      correlationField: 'External_Id__c',
      records,
      onPoll: (info) => polls.push(info.id),
    });
    expect(new Set(polls).size, 'one job').to.equal(1);
    expect(outcomes.size).to.equal(COUNT);
    const stored = byExtId();
    expect(stored.size).to.equal(COUNT - BAD_PICKLIST.size - BRANCH_WITHOUT_PARENT.size);
    for (let i = 0; i < COUNT; i++) {
      const outcome = outcomes.get(`src-${i}`);
      if (BAD_PICKLIST.has(i)) {
        expect(outcome?.error?.statusCode, `record ${i}`).to.equal('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
        expect(outcome?.error?.fields).to.deep.equal(['Type__c']);
      } else if (BRANCH_WITHOUT_PARENT.has(i)) {
        expect(outcome?.error).to.deep.equal({
          statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: 'A branch must have a parent supplier.',
          fields: ['Parent_Supplier__c'],
        });
      } else {
        expect(outcome, `record ${i}`).to.deep.equal({ ok: true, targetId: stored.get(extId(i))?.Id, created: true });
      }
      if (!outcome?.ok) expect(outcome).to.include({ ok: false, targetId: null, created: false });
    }
    const sample = stored.get(extId(2));
    expect(sample).to.include({ Name: 'Supplier 2', Notes__c: NOTES[2], Active__c: true, Annual_Spend__c: 21, Contract_Start__c: '2024-05-01' });
    for (let i = 0; i < NOTES.length; i++) expect(stored.get(extId(i))?.Notes__c).to.equal(NOTES[i]);
  });

  it('upserts all of them by external id: the failed ones are created, the others updated', async () => {
    const api = new ConnectionOrgApi(conn);
    const records = Array.from({ length: COUNT }, (_, i) => ({
      key: `src-${i}`,
      values: { External_Id__c: extId(i), Name: `Supplier ${i} v2`, Type__c: 'Independent', Phone__c: null },
    }));
    const before = byExtId();
    const outcomes = await runIngestJob(api, { ...FAST, object: 'Supplier__c', operation: 'upsert', externalIdField: 'External_Id__c', records });
    const after = byExtId();
    expect(after.size).to.equal(COUNT);
    for (let i = 0; i < COUNT; i++) {
      const wasMissing = BAD_PICKLIST.has(i) || BRANCH_WITHOUT_PARENT.has(i);
      const record = after.get(extId(i));
      expect(outcomes.get(`src-${i}`), `record ${i}`).to.deep.equal({ ok: true, targetId: record?.Id, created: wasMissing });
      if (!wasMissing) expect(record?.Id).to.equal(before.get(extId(i))?.Id);
      expect(record?.Name).to.equal(`Supplier ${i} v2`);
      expect(record?.Phone__c ?? null, 'null was sent as #N/A and cleared the field').to.equal(null);
    }
  });

  it('updates by Id, leaving unset fields alone, and reports the records it could not update', async () => {
    const api = new ConnectionOrgApi(conn);
    const stored = byExtId();
    const targets = Array.from({ length: 200 }, (_, i) => stored.get(extId(i * 7)));
    const records: IngestRecord[] = targets.map((record, i) => ({
      key: String(record?.Id),
      values: { Id: record?.Id, Category__c: i === 5 ? null : 'Packaging', Type__c: i === 9 ? 'Wholesaler' : undefined },
    }));
    const outcomes = await runIngestJob(api, { ...FAST, object: 'Supplier__c', operation: 'update', records });
    const after = byExtId();
    targets.forEach((record, i) => {
      const id = String(record?.Id);
      const now = after.get(String(record?.External_Id__c));
      if (i === 9) {
        expect(outcomes.get(id)).to.deep.include({ ok: false, targetId: id, created: false });
        expect(outcomes.get(id)?.error?.statusCode).to.equal('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
        expect(now?.Category__c ?? null).to.equal(null);
        return;
      }
      expect(outcomes.get(id), `update ${i}`).to.deep.equal({ ok: true, targetId: id, created: false });
      expect(now?.Category__c ?? null).to.equal(i === 5 ? null : 'Packaging');
      expect(now?.Type__c, 'an empty cell leaves the field alone').to.equal('Independent');
    });
  });

  it('deletes by Id and reports an id that is already gone', async () => {
    const api = new ConnectionOrgApi(conn);
    const stored = byExtId();
    const doomed = Array.from({ length: 50 }, (_, i) => String(stored.get(extId(100 + i))?.Id));
    await runIngestJob(api, { ...FAST, object: 'Supplier__c', operation: 'delete', records: [{ key: 'first', values: { Id: doomed[0] } }] });
    const records = doomed.map((id) => ({ key: id, values: { Id: id } }));
    const outcomes = await runIngestJob(api, { ...FAST, object: 'Supplier__c', operation: 'delete', records });
    expect(emulated.org.count('Supplier__c')).to.equal(COUNT - 50);
    expect(outcomes.get(doomed[0])).to.deep.include({ ok: false, targetId: doomed[0] });
    expect(outcomes.get(doomed[0])?.error?.statusCode).to.equal('ENTITY_IS_DELETED');
    for (const id of doomed.slice(1)) expect(outcomes.get(id)).to.deep.equal({ ok: true, targetId: id, created: false });
  });

  it("surfaces Salesforce's error code when a raw text request fails", async () => {
    const api = new ConnectionOrgApi(conn);
    let error: unknown;
    await api.requestText('GET', '/jobs/ingest/7500000000000000AAA/successfulResults').catch((caught: unknown) => (error = caught));
    expect(errorCodeOf(error)).to.equal('NOT_FOUND');
    expect((error as Error).message).to.equal('The requested resource does not exist');
  });

  it('aborts a job that outlives its timeout and accounts for every record: written or unprocessed', async () => {
    const slow = await startOrg({ username: 'bulk-slow@bulk.emulator.isync.test', perRecordMs: 2 });
    try {
      const api = new ConnectionOrgApi(await connectTo(slow, API_VERSION));
      const records = Array.from({ length: 1000 }, (_, i) => supplier(i + COUNT)).map((record) => ({
        ...record,
        values: { ...record.values, Type__c: 'Independent' },
      }));
      const outcomes = await runIngestJob(api, {
        pollIntervalMs: 50,
        timeoutMs: 150,
        object: 'Supplier__c',
        operation: 'insert',
        correlationField: 'External_Id__c',
        records,
      });
      const written = [...outcomes.values()].filter((outcome) => outcome.ok);
      const unprocessed = [...outcomes.values()].filter((outcome) => outcome.error?.statusCode === BULK_UNPROCESSED);
      expect(written.length).to.be.greaterThan(0);
      expect(unprocessed.length).to.be.greaterThan(0);
      expect(written.length + unprocessed.length).to.equal(1000);
      expect(slow.org.count('Supplier__c')).to.equal(written.length);
      expect(unprocessed[0].error?.message).to.match(/ended Aborted \(aborted by sf isync after waiting 150 ms\)/);
    } finally {
      await slow.stop();
    }
  });
});
