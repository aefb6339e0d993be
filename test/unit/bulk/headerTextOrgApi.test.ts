import { expect } from 'chai';
import { CountingOrgApi } from '../../../src/lib/api/countingOrgApi.js';
import type { HttpMethod, OrgApi, TextResponse } from '../../../src/lib/api/orgApi.js';
import { RetryingOrgApi } from '../../../src/lib/api/retryingOrgApi.js';

class HeaderTextOrg implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly sent: string[] = [];
  public request<T>(): Promise<T> {
    return Promise.resolve({} as T);
  }
  public requestTextWithHeaders(method: HttpMethod, path: string): Promise<TextResponse> {
    this.sent.push(`${method} ${path}`);
    return Promise.resolve({ body: '"Id"\n', headers: { 'sforce-locator': 'null' } });
  }
}

describe('api: text requests with response headers', () => {
  it('CountingOrgApi counts them, asks the budget first and passes them on; RetryingOrgApi passes them through', async () => {
    const inner = new HeaderTextOrg();
    let asked = 0;
    const api = new RetryingOrgApi(new CountingOrgApi(inner, () => asked++));
    const response = await api.requestTextWithHeaders!('GET', '/jobs/query/750Q/results?maxRecords=2');
    expect(response).to.deep.equal({ body: '"Id"\n', headers: { 'sforce-locator': 'null' } });
    expect(asked).to.equal(1);
    expect(inner.sent).to.deep.equal(['GET /jobs/query/750Q/results?maxRecords=2']);
  });

  it('both leave the capability out when the wrapped api lacks it, so callers read through REST instead', () => {
    const jsonOnly: OrgApi = { apiVersion: '62.0', request: <T>() => Promise.resolve({} as T) };
    expect(new CountingOrgApi(jsonOnly).requestTextWithHeaders).to.equal(undefined);
    expect(new RetryingOrgApi(new CountingOrgApi(jsonOnly)).requestTextWithHeaders).to.equal(undefined);
  });
});
