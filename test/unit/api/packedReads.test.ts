import { expect } from 'chai';
import type { BackoffPolicy } from '../../../src/lib/api/backoff.js';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import { PackedReads } from '../../../src/lib/api/packedReads.js';
import { queryAll, queryCount, SMALL_READ_ROWS } from '../../../src/lib/api/queryPages.js';
import { RetryingOrgApi } from '../../../src/lib/api/retryingOrgApi.js';

type Sent = { method: HttpMethod; path: string; body: unknown };
type Sub = { method: string; url: string; referenceId: string };

const PREFIX = '/services/data/v64.0';
/** Retries without waiting. */
const QUICK: BackoffPolicy = { maxAttempts: 3, baseMs: 1, maxMs: 1 };

/**
 * An org that answers queries with `totalSize` taken from the query's `FROM` object (its name's length) and one
 * row naming the object, records every request, and refuses what the test asks it to: a subrequest by its URL,
 * or the next Composite requests as a whole.
 */
class RecordingOrg implements OrgApi {
  public readonly apiVersion = '64.0';
  public readonly sent: Sent[] = [];
  public refuseSub?: { urlPart: string; status: number; body: unknown };
  public failComposites = 0;

  public request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    this.sent.push({ method, path, body });
    if (path !== '/composite') return Promise.resolve(answerOf(path) as T);
    if (this.failComposites > 0) {
      this.failComposites--;
      return Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    }
    const subs = (body as { compositeRequest: Sub[] }).compositeRequest;
    return Promise.resolve({
      compositeResponse: subs.map((sub) => {
        const refused = this.refuseSub && sub.url.includes(this.refuseSub.urlPart) ? this.refuseSub : undefined;
        return refused
          ? { referenceId: sub.referenceId, httpStatusCode: refused.status, body: refused.body }
          : { referenceId: sub.referenceId, httpStatusCode: 200, body: answerOf(sub.url.slice(PREFIX.length)) };
      }),
    } as T);
  }

  /** What each request carried: a GET's path, or a Composite's subrequest paths. */
  public get calls(): string[][] {
    return this.sent.map((sent) =>
      sent.path === '/composite' ? (sent.body as { compositeRequest: Sub[] }).compositeRequest.map((sub) => sub.url.slice(PREFIX.length)) : [sent.path]
    );
  }
}

function answerOf(path: string): unknown {
  const object = /FROM (\w+)/.exec(decodeURIComponent(path))?.[1] ?? 'none';
  return { totalSize: object.length, done: true, records: [{ Id: '001000000000001AAA', object }] };
}

const count = (object: string): string => `SELECT COUNT() FROM ${object}`;
const countPath = (object: string): string => `/query?q=${encodeURIComponent(count(object))}`;

describe('PackedReads', () => {
  it('packs small reads issued together into Composite calls of five queries, each answering its own', async () => {
    const org = new RecordingOrg();
    const api = new PackedReads(org);
    const objects = ['Account', 'Contact', 'Lead', 'Case', 'Task', 'Opportunity', 'Product2'];
    const counts = await Promise.all(objects.map((object) => queryCount(api, count(object))));
    expect(counts).to.deep.equal(objects.map((object) => object.length));
    expect(org.sent.map((sent) => sent.path)).to.deep.equal(['/composite', '/composite']);
    expect(org.calls).to.deep.equal([objects.slice(0, 5).map(countPath), objects.slice(5).map(countPath)]);
  });

  it('packs other GETs (limits, describes) beside the five queries, up to 25 subrequests', async () => {
    const org = new RecordingOrg();
    const api = new PackedReads(org);
    const describes = Array.from({ length: 22 }, (_, index) => api.getSmall(`/sobjects/Object${index}__c/describe`));
    const queries = ['Account', 'Contact', 'Lead', 'Case'].map((object) => queryCount(api, count(object)));
    await Promise.all([...describes, ...queries]);
    // 22 describes and 3 counts fill the first Composite (25 subrequests); the last count goes alone.
    expect(org.calls.map((paths) => paths.length)).to.deep.equal([25, 1]);
    expect(org.sent[1]).to.include({ method: 'GET', path: countPath('Case') });
  });

  it('sends a small read alone as the plain GET it stands for', async () => {
    const org = new RecordingOrg();
    const rows = await queryAll(new PackedReads(org), 'SELECT Id FROM Organization', { small: true });
    expect(rows).to.have.length(1);
    expect(org.sent).to.deep.equal([{ method: 'GET', path: `/query?q=${encodeURIComponent('SELECT Id FROM Organization')}`, body: undefined }]);
  });

  it('never packs a read not known to be small: it leaves at once as its own GET', async () => {
    const org = new RecordingOrg();
    const api = new PackedReads(org);
    const large = queryAll(api, 'SELECT Id, Name FROM Account');
    const small = [queryCount(api, count('Contact')), queryCount(api, count('Lead'))];
    // Sent before the small ones' window closed, and on its own.
    expect(org.sent).to.deep.equal([{ method: 'GET', path: `/query?q=${encodeURIComponent('SELECT Id, Name FROM Account')}`, body: undefined }]);
    await Promise.all([large, ...small]);
    expect(org.calls).to.deep.equal([[`/query?q=${encodeURIComponent('SELECT Id, Name FROM Account')}`], [countPath('Contact'), countPath('Lead')]]);
  });

  it('rejects only the read whose subrequest failed, with the error a direct call throws', async () => {
    const org = new RecordingOrg();
    org.refuseSub = { urlPart: 'Lead', status: 400, body: [{ errorCode: 'INVALID_FIELD', message: "No such column 'Nope' on entity 'Lead'." }] };
    const api = new PackedReads(org);
    const [account, lead] = await Promise.allSettled([queryCount(api, count('Account')), queryCount(api, count('Lead'))]);
    expect(account).to.deep.equal({ status: 'fulfilled', value: 'Account'.length });
    const error = (lead as PromiseRejectedResult).reason as Error & { errorCode: string; data: unknown };
    expect(error).to.include({ name: 'INVALID_FIELD', errorCode: 'INVALID_FIELD', message: "No such column 'Nope' on entity 'Lead'." });
    expect(error.data).to.deep.equal({ errorCode: 'INVALID_FIELD', message: "No such column 'Nope' on entity 'Lead'." });
  });

  it('retries a passing subrequest failure as a read, packed anew', async () => {
    const org = new RecordingOrg();
    org.refuseSub = { urlPart: 'Lead', status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Try again.' }] };
    const api = new RetryingOrgApi(new PackedReads(org), QUICK);
    const lead = queryCount(api, count('Lead'));
    const account = queryCount(api, count('Account'));
    expect(await account).to.equal('Account'.length);
    org.refuseSub = undefined;
    expect(await lead).to.equal('Lead'.length);
    expect(org.calls.at(-1)).to.deep.equal([countPath('Lead')]);
  });

  it('retries a Composite call that failed as a whole, then sends each read on its own', async () => {
    const org = new RecordingOrg();
    org.failComposites = QUICK.maxAttempts;
    const api = new PackedReads(org, QUICK);
    const counts = await Promise.all(['Account', 'Contact'].map((object) => queryCount(api, count(object))));
    expect(counts).to.deep.equal([7, 7]);
    const composites = org.sent.filter((sent) => sent.path === '/composite').length;
    expect(composites).to.equal(QUICK.maxAttempts);
    expect(org.sent.slice(composites).map((sent) => sent.path)).to.deep.equal([countPath('Account'), countPath('Contact')]);
  });

  it('sends a small read too long for a URI as a Composite of one', async () => {
    const org = new RecordingOrg();
    const ids = Array.from({ length: SMALL_READ_ROWS }, (_, index) => `'001000000000${String(index).padStart(3, '0')}AAA'`);
    await queryAll(new PackedReads(org), `SELECT Id FROM Account WHERE Id IN (${ids.join(',')})`, { small: true });
    expect(org.sent.map((sent) => sent.path)).to.deep.equal(['/composite']);
    expect(org.calls[0]).to.have.length(1);
  });
});
