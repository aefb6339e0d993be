import { expect } from 'chai';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import { bulkReadCalls } from '../../../src/lib/load/sourceReader.js';
import { ApiBudget } from '../../../src/lib/run/apiBudget.js';
import { RecordCounts } from '../../../src/lib/load/recordCounts.js';
import type { ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { describe as describeObject, field } from './describeKit.js';

const COUNTS: Record<string, number> = { Big__c: 25_000, Small__c: 3_000 };

/** An org with a large daily limit (the counts are given to the budget: RecordCounts). */
const org: OrgApi = {
  apiVersion: '62.0',
  request<T>(_method: HttpMethod, path: string): Promise<T> {
    if (path === '/limits') return Promise.resolve({ DailyApiRequests: { Max: 1_000_000, Remaining: 1_000_000 } } as T);
    return Promise.reject(new Error(`unexpected request ${path}`));
  },
};

function spec(name: string, fields: string[] = ['Name']): ObjectSyncSpec {
  const describe = describeObject(name, [field('Name', { nameField: true })]);
  return {
    object: {
      name,
      fields,
      requestedFields: null,
      excludeFields: [],
      matchBy: { source: ['Name'], target: ['Name'] },
      history: false,
      insert: true,
      update: true,
    },
    source: describe,
    target: describe,
    fields: describe.fields.filter((candidate) => candidate.name !== 'Id'),
    deferredLookups: new Set(),
    selfReferences: new Set(),
  };
}

const projectedSource = async (specs: ObjectSyncSpec[], bulkThreshold?: number): Promise<number> =>
  (await ApiBudget.plan(90, specs, org, org, { bulkThreshold, counts: RecordCounts.of(COUNTS, {}) })).report[0].projected;

describe('engine: API budget projection of source reads', () => {
  it('counts a Bulk query job (job, polls, pages of 10,000) for objects at the bulk threshold, REST pages below it', async () => {
    const counts = 1; // two COUNT() queries in one Composite call
    const restSmall = Math.ceil(3000 / 2000);
    expect(await projectedSource([spec('Big__c'), spec('Small__c')], 10_000)).to.equal(counts + bulkReadCalls(25_000) + restSmall);
    expect(await projectedSource([spec('Big__c'), spec('Small__c')])).to.equal(counts + Math.ceil(25_000 / 2000) + restSmall);
    expect(bulkReadCalls(25_000)).to.be.within(5, 8);
    expect(bulkReadCalls(1_000_000)).to.be.lessThan(Math.ceil(1_000_000 / 2000) / 3);
  });
});
