import { expect } from 'chai';
import type { CollectionRequest, RecordResult } from '../../../src/lib/api/collections.js';
import { CompositeCollections } from '../../../src/lib/api/compositeCollections.js';
import { classifyFailure } from '../../../src/lib/api/failures.js';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';

type Sent = { method: HttpMethod; path: string; body: unknown; release(): void };

/** An org whose answers the test releases one request at a time, recording what was sent. */
class HeldOrg implements OrgApi {
  public readonly apiVersion = '64.0';
  public readonly sent: Sent[] = [];
  public failNext?: Error;
  public subStatus?: { index: number; status: number; body: unknown };

  public request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      const answer = (): void => {
        if (this.failNext) return reject(this.failNext);
        if (path !== '/composite') return resolve(results((body as { records: unknown[] }).records.length) as T);
        const subs = (body as { compositeRequest: Array<{ referenceId: string; body: { records: unknown[] } }> }).compositeRequest;
        resolve({
          compositeResponse: subs.map((sub, index) =>
            this.subStatus?.index === index
              ? { referenceId: sub.referenceId, httpStatusCode: this.subStatus.status, body: this.subStatus.body }
              : { referenceId: sub.referenceId, httpStatusCode: 200, body: results(sub.body.records.length) }
          ),
        } as T);
      };
      this.sent.push({ method, path, body, release: answer });
    });
  }
}

const results = (n: number): RecordResult[] =>
  Array.from({ length: n }, (_, i) => ({ id: `001000000000${String(i).padStart(3, '0')}AAA`, success: true, errors: [] }));
const insert = (object: string, n = 2): CollectionRequest => ({ operation: 'insert', object, records: Array.from({ length: n }, () => ({ Name: 'x' })) });
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** A full collection: never packed as a small write. */
const FULL = 200;
/** The objects a request writes, one per collection (a Composite's subrequests in order). */
const objectsOf = (sent: Sent): string[] => {
  const typeOf = (body: unknown): string => (body as { records: Array<{ attributes: { type: string } }> }).records[0].attributes.type;
  const composite = sent.body as { compositeRequest?: Array<{ body: unknown }> };
  return composite.compositeRequest ? composite.compositeRequest.map((sub) => typeOf(sub.body)) : [typeOf(sent.body)];
};
const subrequestUrls = (sent: Sent): string[] => (sent.body as { compositeRequest: Array<{ url: string }> }).compositeRequest.map((sub) => sub.url);

describe('CompositeCollections', () => {
  it('sends a write at once while a slot is free, and packs waiting leaf writes into one Composite call', async () => {
    const org = new HeldOrg();
    const sender = new CompositeCollections(org, 1);
    const first = sender.write(insert('Lead'));
    await tick();
    expect(org.sent.map((s) => s.path)).to.deep.equal(['/composite/sobjects']);
    const waiting = [
      sender.write(insert('Lead', 3)),
      sender.write(insert('Task', 1)),
      sender.write({ operation: 'update', object: 'Lead', records: [{ Id: '00Q000000000001AAA', Name: 'y' }] }),
    ];
    org.sent[0].release();
    expect(await first).to.have.length(2);
    await tick();
    expect(org.sent).to.have.length(2);
    expect(org.sent[1].path).to.equal('/composite');
    expect(subrequestUrls(org.sent[1])).to.deep.equal([
      '/services/data/v64.0/composite/sobjects',
      '/services/data/v64.0/composite/sobjects',
      '/services/data/v64.0/composite/sobjects',
    ]);
    org.sent[1].release();
    expect((await Promise.all(waiting)).map((r) => r.length)).to.deep.equal([3, 1, 1]);
  });

  it('sends full writes that other objects wait for alone and first', async () => {
    const org = new HeldOrg();
    const sender = new CompositeCollections(org, 1);
    const blocker = sender.write(insert('Lead'));
    await tick();
    const leaf = sender.write(insert('Task', FULL), 1);
    const parent = sender.write(insert('Account', FULL), 3);
    org.sent[0].release();
    await blocker;
    await tick();
    // Account (others wait for it) jumped the queue and went alone.
    expect((org.sent[1].body as { records: Array<{ attributes: { type: string } }> }).records[0].attributes.type).to.equal('Account');
    org.sent[1].release();
    await parent;
    await tick();
    org.sent[2].release();
    expect(await leaf).to.have.length(FULL);
  });

  it('packs full waiting writes only with writes of the same priority, fewer the longer the chain behind them', async () => {
    const org = new HeldOrg();
    const sender = new CompositeCollections(org, 1);
    const blocker = sender.write(insert('Lead'));
    await tick();
    const writes = [
      ...Array.from({ length: 6 }, () => sender.write(insert('Case', FULL), 2)),
      ...Array.from({ length: 2 }, () => sender.write(insert('Task', FULL), 1)),
      sender.write(insert('Account', FULL), 4),
    ];
    const objectsSent = async (index: number): Promise<string[]> => {
      org.sent[index - 1].release();
      await tick();
      return objectsOf(org.sent[index]);
    };
    // Account (a chain of four behind it) first and alone; Case (one step from a leaf) by four; Task by what is left.
    expect(await objectsSent(1)).to.deep.equal(['Account']);
    expect(await objectsSent(2)).to.deep.equal(['Case', 'Case', 'Case', 'Case']);
    expect(await objectsSent(3)).to.deep.equal(['Case', 'Case']);
    expect(await objectsSent(4)).to.deep.equal(['Task', 'Task']);
    org.sent[4].release();
    await blocker;
    expect(await Promise.all(writes)).to.have.length(9);
  });

  it("packs as many waiting writes as wait for each two of the org's slots, as slots free one at a time", async () => {
    const org = new HeldOrg();
    const sender = new CompositeCollections(org, 4);
    const blockers = Array.from({ length: 4 }, () => sender.write(insert('Lead', FULL)));
    await tick();
    expect(org.sent).to.have.length(4);
    const writes = Array.from({ length: 6 }, () => sender.write(insert('Task', FULL)));
    let released = 0;
    /** Frees the next slot (a Lead write answers) and tells how many writes the call that took it carries. */
    const packed = async (): Promise<number> => {
      org.sent[released++].release();
      await tick();
      const { body } = org.sent.at(-1)!;
      return (body as { compositeRequest?: unknown[] }).compositeRequest?.length ?? 1;
    };
    // Six wait for four slots: three for each two slots, then two of the three left, then the last one.
    expect([await packed(), await packed(), await packed()]).to.deep.equal([3, 2, 1]);
    for (const sent of org.sent.slice(released)) sent.release();
    expect(await Promise.all(blockers)).to.have.length(4);
    expect((await Promise.all(writes)).map((result) => result.length)).to.deep.equal([FULL, FULL, FULL, FULL, FULL, FULL]);
  });

  it('packs small writes issued together even while slots are free, in priority order, up to one collection of records', async () => {
    const org = new HeldOrg();
    const sender = new CompositeCollections(org, 25);
    const writes = [
      sender.write(insert('Task', 60), 1),
      sender.write(insert('Case', 60), 1),
      sender.write(insert('Account', 50), 3),
      sender.write(insert('Contact', 60), 2),
      sender.write(insert('Lead', 10), 1),
    ];
    await tick();
    // Up to 200 records a Composite, the writes others wait for first: one call instead of three.
    expect(org.sent.map(objectsOf)).to.deep.equal([
      ['Account', 'Contact', 'Task'],
      ['Case', 'Lead'],
    ]);
    for (const sent of org.sent) sent.release();
    expect((await Promise.all(writes)).map((result) => result.length)).to.deep.equal([60, 60, 50, 60, 10]);
  });

  it('sends a full write at once, and small writes issued later in the same turn on their own', async () => {
    const org = new HeldOrg();
    const sender = new CompositeCollections(org, 25);
    const full = sender.write(insert('Task', FULL));
    expect(org.sent.map(objectsOf)).to.deep.equal([['Task']]);
    const small = [sender.write(insert('Case', 5)), sender.write(insert('Case', 5))];
    expect(org.sent).to.have.length(1);
    await tick();
    expect(org.sent.map(objectsOf)).to.deep.equal([['Task'], ['Case', 'Case']]);
    for (const sent of org.sent) sent.release();
    expect(await full).to.have.length(FULL);
    expect((await Promise.all(small)).map((result) => result.length)).to.deep.equal([5, 5]);
  });

  it('rejects only the write whose subrequest failed, with the error the call would have thrown alone', async () => {
    const org = new HeldOrg();
    const sender = new CompositeCollections(org, 1);
    const blocker = sender.write(insert('Lead'));
    await tick();
    const a = sender.write(insert('Lead'));
    const b = sender.write(insert('Lead')).catch((error: unknown) => error);
    org.subStatus = { index: 1, status: 403, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentRequests limit exceeded.' }] };
    org.sent[0].release();
    await blocker;
    await tick();
    org.sent[1].release();
    expect(await a).to.have.length(2);
    const error = (await b) as Error & { errorCode: string };
    expect(error.errorCode).to.equal('REQUEST_LIMIT_EXCEEDED');
    expect(classifyFailure(error)).to.equal('concurrency');
  });

  it('rejects every packed write when the Composite call fails as a whole', async () => {
    const org = new HeldOrg();
    const sender = new CompositeCollections(org, 1);
    const blocker = sender.write(insert('Lead'));
    await tick();
    const packed = [sender.write(insert('Lead')), sender.write(insert('Task'))].map((p) => p.catch((error: unknown) => error));
    org.sent[0].release();
    await blocker;
    await tick();
    const dropped = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    org.failNext = dropped;
    org.sent[1].release();
    expect(await Promise.all(packed)).to.deep.equal([dropped, dropped]);
  });
});
