import { expect } from 'chai';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import { ApiBudget } from '../../../src/lib/run/apiBudget.js';
import { RecordCounts } from '../../../src/lib/load/recordCounts.js';
import { BULK_BATCH_SIZE, bulkWriteJobCalls } from '../../../src/lib/load/writeBatches.js';
import type { SyncObject } from '../../../src/lib/template/syncTemplate.js';
import type { ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { describe as describeObject, field } from './describeKit.js';

/** Small__c is read and written through REST; Big__c reaches the bulk threshold of 10,000. */
const COUNTS: Record<string, number> = { Small__c: 3_000, Big__c: 25_000 };
const THRESHOLD = 10_000;

const org: OrgApi = {
  apiVersion: '62.0',
  request<T>(_method: HttpMethod, path: string): Promise<T> {
    if (path === '/limits') return Promise.resolve({ DailyApiRequests: { Max: 1_000_000, Remaining: 1_000_000 } } as T);
    return Promise.reject(new Error(`unexpected request ${path}`));
  },
};

function spec(name: string, options: { matchBy?: SyncObject['matchBy']; deferred?: string[] } = {}): ObjectSyncSpec {
  const describe = describeObject(name, [field('Name', { nameField: true }), field('Code__c')]);
  const matchBy = options.matchBy === undefined ? { source: ['Name'], target: ['Name'] } : options.matchBy;
  return {
    object: { name, fields: ['Name', 'Code__c'], requestedFields: null, excludeFields: [], matchBy, history: false, insert: true, update: matchBy !== null },
    source: describe,
    target: describe,
    fields: describe.fields.filter((candidate) => candidate.name !== 'Id'),
    deferredLookups: new Set(options.deferred ?? []),
    selfReferences: new Set(),
  };
}

/** The target's projected calls for one object, less its count (one Composite call) and match queries. */
async function projectedWrites(object: ObjectSyncSpec, batchSize: number | undefined, matchQueries: number): Promise<number> {
  const budget = await ApiBudget.plan(90, [object], org, org, { bulkThreshold: THRESHOLD, batchSize, counts: RecordCounts.of(COUNTS, {}) });
  return budget.report[1].projected - 1 - matchQueries;
}

describe('engine: API budget projection of writes', () => {
  it("projects REST writes in the template's batches, at most 200 records each", async () => {
    // 3,000 records: two REST pages, so two match queries.
    expect(await projectedWrites(spec('Small__c'), 50, 2)).to.equal(3000 / 50);
    expect(await projectedWrites(spec('Small__c'), 200, 2)).to.equal(3000 / 200);
    expect(await projectedWrites(spec('Small__c'), 500, 2), 'a collection holds 200').to.equal(3000 / 200);
    expect(await projectedWrites(spec('Small__c'), undefined, 2)).to.equal(3000 / 200);
  });

  it('projects the deferred pass as REST updates of the same batch size', async () => {
    expect(await projectedWrites(spec('Small__c', { deferred: ['Code__c'] }), 50, 2)).to.equal(2 * (3000 / 50));
  });

  it('projects Bulk ingest jobs of 10,000 records for an object at the bulk threshold with a single-field key', async () => {
    // 25,000 records: three Bulk query pages of 10,000, so three match queries; jobs of 10,000, 10,000 and 5,000.
    const jobs = 2 * bulkWriteJobCalls(BULK_BATCH_SIZE) + bulkWriteJobCalls(5_000);
    expect(await projectedWrites(spec('Big__c'), 50, 3)).to.equal(jobs);
    // Create, upload, close, a few polls and three result files each: far fewer calls than 200-record batches.
    expect(bulkWriteJobCalls(BULK_BATCH_SIZE)).to.be.within(7, 12);
    expect(jobs).to.be.lessThan(25_000 / 200);
    // Deferred lookups are still filled through REST collections.
    expect(await projectedWrites(spec('Big__c', { deferred: ['Code__c'] }), 50, 3)).to.equal(jobs + 25_000 / 50);
  });

  it('keeps objects whose results Bulk cannot pair with records on REST, however large', async () => {
    const composite = spec('Big__c', { matchBy: { source: ['Name', 'Code__c'], target: ['Name', 'Code__c'] } });
    expect(await projectedWrites(composite, 50, 3)).to.equal(25_000 / 50);
    expect(await projectedWrites(spec('Big__c', { matchBy: { source: ['Id'], target: ['Id'] } }), 50, 3)).to.equal(25_000 / 50);
    expect(await projectedWrites(spec('Big__c', { matchBy: null }), 50, 3), 'insert-only').to.equal(25_000 / 50);
  });
});
