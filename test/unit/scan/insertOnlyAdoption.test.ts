import { expect } from 'chai';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import type { SObjectRow } from '../../../src/lib/api/queryPages.js';
import { InsertOnlyAdoption } from '../../../src/lib/scan/insertOnlyAdoption.js';
import { field } from '../graph/describeBuilders.js';

/** A target whose rows can change while adoptions wait, and that counts its queries. */
function target(rows: SObjectRow[]): OrgApi & { queries: number } {
  const api = {
    apiVersion: '62.0',
    queries: 0,
    request<T>(_method: HttpMethod): Promise<T> {
      api.queries++;
      return Promise.resolve({ totalSize: rows.length, done: true, records: [...rows] } as T);
    },
  };
  return api;
}

const row = (id: string): SObjectRow => ({ attributes: { type: 'Task' }, Id: id, CreatedDate: '2026-11-27T10:00:01.000+0000', Subject: 'Call' });
const search = (api: OrgApi) => ({ target: api, object: 'Task', userId: '005000000000001AAA', fields: [field('Subject')] });
const since = new Date('2026-11-27T10:00:00Z');
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('insert-only adoption: each target record adopted at most once', () => {
  it("waits for the object's other batches in flight, and never adopts what they saved", async () => {
    // Batch A failed in transit and saved nothing; batch B, still in flight, saved t1 with the same values.
    const api = target([row('00T000000000001AAA')]);
    const adoption = new InsertOnlyAdoption(search(api));
    adoption.sendStarted(); // A
    adoption.sendStarted(); // B
    let settled = false;
    const adopting = adoption.adopt([{ sourceId: 'a1', values: { Subject: 'Call' } }], since, true).then((found) => {
      settled = true;
      return found;
    });
    await tick();
    expect(settled, 'an adoption must not search while another batch may still claim records').to.equal(false);
    expect(api.queries).to.equal(0);
    adoption.claim('00T000000000001AAA', 'b1'); // B returns: t1 is its own record
    adoption.sendEnded();
    const found = await adopting;
    expect(found.size).to.equal(0);
    expect(api.queries).to.equal(1);
  });

  it('lets batches that fail together adopt one after the other, each record once', async () => {
    const api = target([row('00T000000000001AAA'), row('00T000000000002AAA')]);
    const adoption = new InsertOnlyAdoption(search(api));
    adoption.sendStarted();
    adoption.sendStarted();
    const values = { Subject: 'Call' };
    const firstAdoption = adoption.adopt(
      [
        { sourceId: 'b1', values },
        { sourceId: 'b2', values },
      ],
      since,
      true
    );
    const secondAdoption = adoption.adopt([{ sourceId: 'a1', values }], since, true);
    const first = await firstAdoption;
    // The second waits until the first batch has finished (it may resend what it did not find).
    adoption.sendEnded();
    const second = await secondAdoption;
    expect([[...first], [...second]]).to.deep.equal([
      [
        ['b1', '00T000000000001AAA'],
        ['b2', '00T000000000002AAA'],
      ],
      [],
    ]);
    expect(adoption.isClaimed('00T000000000001')).to.equal(true);
  });

  it("never adopts a target id the run held before (a resume: the journal's)", async () => {
    const api = target([row('00T000000000001AAA')]);
    const adoption = new InsertOnlyAdoption(search(api), (id) => id === '00T000000000001AAA');
    const found = await adoption.adopt([{ sourceId: 'a1', values: { Subject: 'Call' } }], since, false);
    expect(found.size).to.equal(0);
  });
});
