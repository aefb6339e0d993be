import { expect } from 'chai';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import type { DescribeField, DescribeSObject } from '../../../src/lib/schema/describeTypes.js';
import type { InsertedRecord, UpdatedRecord } from '../../../src/lib/rollback/rollbackPlan.js';
import { checkDeletes, checkRestores, type CheckOptions } from '../../../src/lib/rollback/targetCheck.js';

/** An org that answers `SELECT ... WHERE Id IN (...)` from rows, and records the queries. */
class RowsOrg implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly queries: string[] = [];
  public constructor(private readonly rows: Array<Record<string, unknown>>) {}
  public request<T>(_method: HttpMethod, path: string): Promise<T> {
    const soql = decodeURIComponent(path.replace(/^\/query\?q=/, ''));
    this.queries.push(soql);
    const ids = [...soql.matchAll(/'([^']+)'/g)].map((m) => m[1].slice(0, 15));
    const records = this.rows.filter((row) => ids.includes(String(row.Id).slice(0, 15)));
    return Promise.resolve({ totalSize: records.length, done: true, records } as T);
  }
}

function field(name: string, type: string): DescribeField {
  return { name, type, referenceTo: type === 'reference' ? ['Account'] : [] } as unknown as DescribeField;
}

const describe_ = (name: string, fields: DescribeField[]): DescribeSObject => ({ name, fields }) as unknown as DescribeSObject;
const OPTIONS: CheckOptions = { force: false, clockSkewMs: 60_000, fallbackWriteAt: '2026-01-01T00:00:00.000Z' };
const RUN = '2026-01-01T10:00:00.000Z';
const inserted = (targetId: string): InsertedRecord => ({ object: 'Account', sourceId: `s${targetId}`, targetId, lastWriteAt: RUN });

describe('rollback: checking records before deleting them', () => {
  const ACCOUNT = describe_('Account', [field('Id', 'id'), field('ParentId', 'reference'), field('CreatedById', 'reference')]);

  it('deletes untouched records, counts gone ones as done, skips ones modified after the run (beyond the clock skew)', async () => {
    const org = new RowsOrg([
      { Id: '001000000000001AAA', SystemModstamp: '2026-01-01T10:00:30.000+0000' },
      { Id: '001000000000002AAA', SystemModstamp: '2026-01-01T10:05:00.000+0000' },
    ]);
    const checked = await checkDeletes(org, ACCOUNT, ['001000000000001AAA', '001000000000002AAA', '001000000000003AAA'].map(inserted), new Set(), OPTIONS);
    expect(checked.map((c) => c.verdict.kind)).to.deep.equal(['undo', 'changed', 'alreadyUndone']);
    expect(checked[1].verdict).to.have.property('reason').that.contains('2026-01-01T10:05:00.000+0000');
    expect(org.queries[0]).to.equal(
      "SELECT Id, SystemModstamp, ParentId FROM Account WHERE Id IN ('001000000000001AAA', '001000000000002AAA', '001000000000003AAA')"
    );
    const forced = await checkDeletes(org, ACCOUNT, [inserted('001000000000002AAA')], new Set(), { ...OPTIONS, force: true });
    expect(forced[0].verdict.kind).to.equal('undo');
  });

  it('keeps the parents (and their parents) of a skipped record, and records a child protected', async () => {
    const org = new RowsOrg([
      { Id: '001000000000001AAA', SystemModstamp: '2026-01-01T11:00:00.000+0000', ParentId: '001000000000002AAA' },
      { Id: '001000000000002AAA', SystemModstamp: RUN, ParentId: '001000000000003AAA' },
      { Id: '001000000000003AAA', SystemModstamp: RUN, ParentId: null },
      { Id: '001000000000004AAA', SystemModstamp: RUN, ParentId: null },
    ]);
    const protectedIds = new Set(['001000000000004']);
    const records = ['001000000000003AAA', '001000000000002AAA', '001000000000001AAA', '001000000000004AAA'].map(inserted);
    const checked = await checkDeletes(org, ACCOUNT, records, protectedIds, OPTIONS);
    expect(checked.map((c) => c.verdict.kind)).to.deep.equal(['changed', 'changed', 'changed', 'changed']);
    expect(checked[0].verdict).to.have.property('reason').that.contains('refers to it');
  });
});

describe('rollback: checking records before restoring them', () => {
  const CONTACT = describe_('Contact', [field('Title', 'string'), field('AccountId', 'reference'), field('Amount__c', 'double')]);
  const updated = (targetId: string, extra: Partial<UpdatedRecord> = {}): UpdatedRecord => ({
    object: 'Contact',
    sourceId: `s${targetId}`,
    targetId,
    lastWriteAt: RUN,
    before: { Title: 'Old', AccountId: '001000000000009AAA', Amount__c: 1 },
    written: { Title: 'New', AccountId: '001000000000001AAA', Amount__c: 2 },
    missingBefore: false,
    ...extra,
  });

  it('restores records as the run left them, knows restored ones, skips changed ones, and keeps what they point to', async () => {
    const org = new RowsOrg([
      { Id: '003000000000001AAA', SystemModstamp: RUN, Title: 'New', AccountId: '001000000000001', Amount__c: 2.0 },
      { Id: '003000000000002AAA', SystemModstamp: RUN, Title: 'Old', AccountId: '001000000000009AAA', Amount__c: 1 },
      { Id: '003000000000003AAA', SystemModstamp: RUN, Title: 'Someone else', AccountId: '001000000000001AAA', Amount__c: 2 },
      { Id: '003000000000005AAA', SystemModstamp: RUN, Title: 'New', AccountId: '001000000000001AAA', Amount__c: 2 },
    ]);
    const protectedIds = new Set<string>();
    const records = [
      updated('003000000000001AAA'),
      updated('003000000000002AAA'),
      updated('003000000000003AAA'),
      updated('003000000000004AAA'),
      updated('003000000000005AAA', { missingBefore: true }),
    ];
    const checked = await checkRestores(org, CONTACT, records, protectedIds, OPTIONS);
    expect(checked.map((c) => c.verdict.kind)).to.deep.equal(['undo', 'alreadyUndone', 'changed', 'notRestorable', 'notRestorable']);
    expect(checked[2].verdict).to.have.property('reason', 'Title was changed in the target after the run');
    expect(checked[3].verdict).to.have.property('reason', 'deleted in the target after the run');
    expect([...protectedIds]).to.deep.equal(['001000000000001']);
    expect(org.queries[0]).to.match(/^SELECT Id, SystemModstamp, Title, AccountId, Amount__c FROM Contact WHERE Id IN/);
  });
});
