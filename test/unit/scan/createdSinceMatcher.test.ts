import { expect } from 'chai';
import { ORG_CLOCK_SKEW_MS } from '../../../src/lib/util/clockSkew.js';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import type { SObjectRow } from '../../../src/lib/api/queryPages.js';
import { createdSinceQuery, findCreatedSince, pairWrittenRecords, soqlDatetime } from '../../../src/lib/scan/createdSinceMatcher.js';
import { field } from '../graph/describeBuilders.js';

const TYPES = new Map([
  ['Subject', 'string'],
  ['ActivityDate', 'date'],
  ['WhatId', 'reference'],
  ['Hours__c', 'double'],
  ['Due__c', 'datetime'],
]);

/** A target that answers every query with `rows` (one page) and remembers the SOQL it was asked. */
function targetWith(rows: SObjectRow[]): OrgApi & { queries: string[] } {
  const queries: string[] = [];
  return {
    apiVersion: '62.0',
    queries,
    request<T>(_method: HttpMethod, path: string): Promise<T> {
      queries.push(decodeURIComponent(path.replace(/^\/query\?q=/, '')));
      return Promise.resolve({ totalSize: rows.length, done: true, records: rows } as T);
    },
  };
}

describe('created-since matcher (in-doubt inserts of objects without a match key)', () => {
  it('queries what the running user created since the batch started, minus the clock margin, oldest first', () => {
    const since = new Date('2026-11-27T10:02:30.750Z');
    const soql = createdSinceQuery({ object: 'Task', userId: "005x'y", since }, ['Subject', 'WhatId']);
    expect(ORG_CLOCK_SKEW_MS).to.equal(120_000);
    expect(soql).to.equal(
      "SELECT Id, CreatedDate, Subject, WhatId FROM Task WHERE CreatedById = '005x\\'y' AND CreatedDate >= 2026-11-27T10:00:30Z ORDER BY CreatedDate, Id"
    );
    expect(soqlDatetime(new Date('2026-11-27T10:00:00.999Z'))).to.equal('2026-11-27T10:00:00Z');
  });

  it('adopts a candidate whose values equal what was written, by field type', () => {
    const written = [
      {
        sourceId: 's1',
        values: { Subject: 'Call', ActivityDate: '2026-11-30', WhatId: '001000000000001AAA', Hours__c: 1.5, Due__c: '2026-11-30T09:00:00.000Z' },
      },
    ];
    const stored = { Id: 't1', Subject: 'Call', ActivityDate: '2026-11-30', WhatId: '001000000000001', Hours__c: 1.5, Due__c: '2026-11-30T09:00:00.000+0000' };
    expect(pairWrittenRecords(written, [stored], TYPES)).to.deep.equal(new Map([['s1', 't1']]));
    expect(pairWrittenRecords(written, [{ ...stored, Hours__c: 2 }], TYPES).size).to.equal(0);
    expect(pairWrittenRecords(written, [{ ...stored, Subject: 'Email' }], TYPES).size).to.equal(0);
  });

  it('does not compare fields the record did not write (the org may have defaulted them)', () => {
    const pairs = pairWrittenRecords([{ sourceId: 's1', values: { Subject: 'Call' } }], [{ Id: 't1', Subject: 'Call', Hours__c: 8 }], TYPES);
    expect(pairs).to.deep.equal(new Map([['s1', 't1']]));
  });

  it('gives identical source records different candidates, and leaves the extra one unmatched', () => {
    const same = { Subject: 'Call' };
    const records = [
      { sourceId: 's1', values: same },
      { sourceId: 's2', values: same },
      { sourceId: 's3', values: same },
    ];
    const pairs = pairWrittenRecords(
      records,
      [
        { Id: 't1', Subject: 'Call' },
        { Id: 't2', Subject: 'Call' },
      ],
      TYPES
    );
    expect(pairs.size).to.equal(2);
    expect(new Set(pairs.values())).to.deep.equal(new Set(['t1', 't2']));
  });

  it('never lets a record that fits several candidates take the only one another record fits', () => {
    // s1 wrote only Subject, so it fits both; s2 also wrote Hours__c and fits t1 only.
    const records = [
      { sourceId: 's1', values: { Subject: 'Call' } },
      { sourceId: 's2', values: { Subject: 'Call', Hours__c: 3 } },
    ];
    const candidates = [
      { Id: 't1', Subject: 'Call', Hours__c: 3 },
      { Id: 't2', Subject: 'Call', Hours__c: null },
    ];
    expect(pairWrittenRecords(records, candidates, TYPES)).to.deep.equal(
      new Map([
        ['s2', 't1'],
        ['s1', 't2'],
      ])
    );
  });

  it('never adopts a target record the run already holds', async () => {
    const target = targetWith([
      { attributes: { type: 'Task' }, Id: '00T000000000001AAA', CreatedDate: '2026-11-27T10:00:01.000+0000', Subject: 'Call' },
      { attributes: { type: 'Task' }, Id: '00T000000000002AAA', CreatedDate: '2026-11-27T10:00:02.000+0000', Subject: 'Call' },
    ]);
    const found = await findCreatedSince(
      {
        target,
        object: 'Task',
        userId: '005000000000001AAA',
        since: new Date('2026-11-27T10:00:00Z'),
        fields: [field('Subject'), field('Hours__c', { type: 'double' })],
        isClaimed: (id) => id === '00T000000000001AAA',
      },
      [
        { sourceId: 's1', values: { Subject: 'Call' } },
        { sourceId: 's2', values: { Subject: 'Call' } },
      ]
    );
    expect(found).to.deep.equal(new Map([['s1', '00T000000000002AAA']]));
    expect(target.queries).to.have.length(1);
    expect(target.queries[0]).to.match(
      /^SELECT Id, CreatedDate, Subject FROM Task WHERE CreatedById = '005000000000001AAA' AND CreatedDate >= 2026-11-27T09:58:00Z/
    );
  });

  it('asks nothing when there is nothing to check', async () => {
    const target = targetWith([]);
    const found = await findCreatedSince({ target, object: 'Task', userId: '005', since: new Date(), fields: [], isClaimed: () => false }, []);
    expect(found.size).to.equal(0);
    expect(target.queries).to.deep.equal([]);
  });
});
