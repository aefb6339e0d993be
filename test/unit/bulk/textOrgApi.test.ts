import { expect } from 'chai';
import { CountingOrgApi } from '../../../src/lib/api/countingOrgApi.js';
import { withApiErrorCode, type HttpMethod, type OrgApi } from '../../../src/lib/api/orgApi.js';
import { errorCodeOf } from '../../../src/lib/api/failures.js';

class TextOrg implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly sent: Array<[HttpMethod, string, string | undefined]> = [];
  public request<T>(): Promise<T> {
    return Promise.resolve({} as T);
  }
  public requestText(method: HttpMethod, path: string, body?: string): Promise<string> {
    this.sent.push([method, path, body]);
    return Promise.resolve('"sf__Id"\n');
  }
}

describe('api: raw text requests', () => {
  it('CountingOrgApi counts text requests, asks the budget first and passes them on', async () => {
    const inner = new TextOrg();
    let asked = 0;
    const counting = new CountingOrgApi(inner, () => asked++);
    expect(await counting.requestText('PUT', '/jobs/ingest/750A/batches', 'Name\n"x"\n')).to.equal('"sf__Id"\n');
    await counting.request('GET', '/limits');
    expect(counting.calls).to.equal(2);
    expect(asked).to.equal(2);
    expect(inner.sent).to.deep.equal([['PUT', '/jobs/ingest/750A/batches', 'Name\n"x"\n']]);
  });

  it('CountingOrgApi refuses text requests when the wrapped api cannot send them', async () => {
    const jsonOnly: OrgApi = { apiVersion: '62.0', request: <T>() => Promise.resolve({} as T) };
    const counting = new CountingOrgApi(jsonOnly);
    let error: unknown;
    await counting.requestText('GET', '/x').catch((caught: unknown) => (error = caught));
    expect((error as Error).message).to.match(/cannot send raw text requests/);
    expect(counting.calls).to.equal(0);
  });

  it("restores Salesforce's error code from a JSON error body read as text", () => {
    const jsforceError = Object.assign(new Error('[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]'), {
      name: 'ERROR_HTTP_403',
      errorCode: 'ERROR_HTTP_403',
    });
    const restored = withApiErrorCode(jsforceError) as Error & { errorCode: string };
    expect(restored.message).to.equal('TotalRequests Limit exceeded.');
    expect(errorCodeOf(restored)).to.equal('REQUEST_LIMIT_EXCEEDED');
    expect(restored.cause).to.equal(jsforceError);
  });

  it('leaves errors that are not JSON error lists as they are', () => {
    const html = Object.assign(new Error('<html>Bad gateway</html>'), { errorCode: 'ERROR_HTTP_502' });
    const coded = Object.assign(new Error('Session expired or invalid'), { errorCode: 'INVALID_SESSION_ID' });
    const notErrors = Object.assign(new Error('{"ok":true}'), { errorCode: 'ERROR_HTTP_400' });
    expect(withApiErrorCode(html)).to.equal(html);
    expect(withApiErrorCode(coded)).to.equal(coded);
    expect(withApiErrorCode(notErrors)).to.equal(notErrors);
    expect(withApiErrorCode(undefined)).to.equal(undefined);
  });
});
