/**
 * HttpOrgApi, the plugin's own HTTP client, against what it replaces: jsforce (ConnectionOrgApi) on the same
 * emulated org must answer the same bodies and the same errors; on a recording server it must send what jsforce
 * sends; and what needs jsforce (an expired session) must go to it.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Connection } from '@salesforce/core';
import { expect } from 'chai';
import { classifyFailure, errorCodeOf } from '../../src/lib/api/failures.js';
import { HttpOrgApi, orgApiFor } from '../../src/lib/api/httpOrgApi.js';
import { ConnectionOrgApi, type HttpMethod } from '../../src/lib/api/orgApi.js';
import { useProcessSandboxHome } from '../clients/processSandboxHome.js';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';
import { connectTo } from '../support/orgConnection.js';

type Caught = { name?: string; errorCode?: string; code?: string; message?: string; data?: unknown };

async function failureOf(call: Promise<unknown>): Promise<Caught> {
  try {
    await call;
  } catch (error) {
    const { name, errorCode, code, message, data } = error as Caught;
    return { name, errorCode, code, message, data };
  }
  throw new Error('the call succeeded');
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (res: ServerResponse): void => {
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
    res.end(JSON.stringify(body));
  };

/** A server that records each request and answers with the next of `answers` (the last one repeats). */
class RecordingServer {
  public readonly requests: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string }> = [];
  public answers: Array<(res: ServerResponse) => void> = [json(200, { ok: true })];
  private server?: Server;

  public get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  public async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = this.answers.length > 1 ? this.answers.shift()! : this.answers[0];
        answer(res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  public async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

describe('HttpOrgApi: the plugin talks HTTP itself, as jsforce would', () => {
  let restoreHome: () => void;
  let org: EmulatedOrg;
  before(async () => {
    restoreHome = useProcessSandboxHome().restore;
    org = await startOrg({ dataset: 'demo' });
  });
  after(async () => {
    await org.stop();
    restoreHome();
  });

  describe('on an emulated org, answers what jsforce answers', () => {
    let direct: HttpOrgApi;
    let jsforce: ConnectionOrgApi;
    before(async () => {
      const connection = await connectTo(org);
      direct = new HttpOrgApi(connection);
      jsforce = new ConnectionOrgApi(connection);
    });

    const both = <T>(call: (api: HttpOrgApi | ConnectionOrgApi) => Promise<T>): Promise<[T, T]> => Promise.all([call(direct), call(jsforce)]);

    it('the same query rows and describe', async () => {
      const [queried, viaJsforce] = await both((api) =>
        api.request<{ totalSize: number; records: unknown[] }>('GET', `/query?q=${encodeURIComponent('SELECT Id, Name FROM Account ORDER BY Id LIMIT 5')}`)
      );
      expect(queried.records).to.have.length(5);
      expect(queried).to.deep.equal(viaJsforce);
      const [described, describedByJsforce] = await both((api) => api.request('GET', '/sobjects/Contact/describe'));
      expect(described).to.deep.equal(describedByJsforce);
    });

    it('the same written records, and undefined for 204 No Content', async () => {
      const created = await direct.request<Array<{ id: string; success: boolean }>>('POST', '/composite/sobjects', {
        allOrNone: false,
        records: [{ attributes: { type: 'Account' }, Name: 'Written directly' }],
      });
      expect(created[0].success).to.equal(true);
      const read = await jsforce.request<{ Name: string }>('GET', `/sobjects/Account/${created[0].id}`);
      expect(read.Name).to.equal('Written directly');
      expect(await direct.request('PATCH', `/sobjects/Account/${created[0].id}`, { Name: 'Renamed directly' })).to.equal(undefined);
      expect((await jsforce.request<{ Name: string }>('GET', `/sobjects/Account/${created[0].id}`)).Name).to.equal('Renamed directly');
    });

    it('the same errors: name, errorCode, message and data', async () => {
      const malformed = (api: HttpOrgApi | ConnectionOrgApi): Promise<Caught> =>
        failureOf(api.request('GET', `/query?q=${encodeURIComponent('SELECT Nope FROM Account')}`));
      const [direct400, jsforce400] = await both(malformed);
      expect(direct400.errorCode).to.equal('INVALID_FIELD');
      expect(direct400).to.deep.equal(jsforce400);
      const [direct404, jsforce404] = await both((api) => failureOf(api.request('GET', '/sobjects/Nope__c/describe')));
      expect(direct404.errorCode).to.equal('NOT_FOUND');
      expect(direct404).to.deep.equal(jsforce404);
    });

    it('Bulk API 2.0 text: the CSV as sent and the Sforce-Locator header, as through jsforce', async () => {
      const job = await direct.request<{ id: string }>('POST', '/jobs/query', { operation: 'query', query: 'SELECT Id, Name FROM Account ORDER BY Id' });
      for (let polls = 0; polls < 50; polls++) {
        if ((await direct.request<{ state: string }>('GET', `/jobs/query/${job.id}`)).state === 'JobComplete') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const [page, pageByJsforce] = await both((api) => api.requestTextWithHeaders('GET', `/jobs/query/${job.id}/results?maxRecords=3`));
      expect(page.body).to.equal(pageByJsforce.body);
      expect(page.body.split('\n')[0]).to.equal('"Id","Name"');
      expect(page.headers['sforce-locator']).to.equal(pageByJsforce.headers['sforce-locator']).and.not.equal('null');
      expect(page.headers['sforce-numberofrecords']).to.equal('3');
      const [missing, missingByJsforce] = await both((api) => failureOf(api.requestText('GET', '/jobs/query/750000000000000AAA/results')));
      expect(missing.errorCode).to.equal('NOT_FOUND');
      expect(missing.errorCode).to.equal(missingByJsforce.errorCode);
      expect(missing.message).to.equal(missingByJsforce.message);
    });
  });

  describe('on a recording server', () => {
    const server = new RecordingServer();
    let connection: Connection;
    before(async () => {
      await server.start();
      // Logged in to the emulated org (AuthInfo asks it who the user is), then pointed at the recording server.
      connection = await connectTo(org);
      connection.instanceUrl = server.url;
    });
    after(() => server.stop());
    beforeEach(() => {
      server.requests.length = 0;
      server.answers = [json(200, { ok: true })];
    });

    it('sends the headers jsforce sends: token, the sf CLI user agent and call options, JSON content type', async () => {
      const send = (api: HttpOrgApi | ConnectionOrgApi, method: HttpMethod): Promise<unknown> =>
        api.request(method, '/sobjects/Account', method === 'POST' ? { Name: 'x' } : undefined, { 'Sforce-Auto-Assign': 'FALSE' });
      for (const method of ['GET', 'POST'] as const) {
        await send(new HttpOrgApi(connection), method);
        await send(new ConnectionOrgApi(connection), method);
      }
      const pick = (headers: IncomingHttpHeaders): Record<string, unknown> => ({
        authorization: headers.authorization,
        'user-agent': headers['user-agent'],
        'sforce-call-options': headers['sforce-call-options'],
        'content-type': headers['content-type'],
        'sforce-auto-assign': headers['sforce-auto-assign'],
        'content-length': headers['content-length'],
      });
      const [directGet, jsforceGet, directPost, jsforcePost] = server.requests;
      expect(directGet.url).to.equal('/services/data/v62.0/sobjects/Account');
      expect(pick(directGet.headers)).to.deep.equal(pick(jsforceGet.headers));
      expect(pick(directPost.headers)).to.deep.equal(pick(jsforcePost.headers));
      expect(directPost.body).to.equal('{"Name":"x"}').and.equal(jsforcePost.body);
      expect(directGet.headers.authorization).to.equal(`Bearer ${org.accessToken}`);
      expect(directGet.headers['user-agent']).to.match(/^sfdx toolbelt:/);
      expect(directGet.headers['accept-encoding']).to.match(/gzip/);
    });

    it('reads a gzip-compressed answer', async () => {
      server.answers = [
        (res): void => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          res.end(gzipSync(JSON.stringify({ totalSize: 1, done: true, records: [{ Id: '001000000000001AAA' }] })));
        },
      ];
      expect(await new HttpOrgApi(connection).request('GET', '/query?q=x')).to.deep.equal({
        totalSize: 1,
        done: true,
        records: [{ Id: '001000000000001AAA' }],
      });
    });

    it('hands a call answered "session expired" to jsforce, which refreshes the session, and answers its answer', async () => {
      server.answers = [json(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }])];
      const handed: unknown[][] = [];
      const jsforce = {
        request: <T>(...args: unknown[]): Promise<T> => {
          handed.push(args);
          return Promise.resolve({ refreshed: true } as T);
        },
        requestTextWithHeaders: (...args: unknown[]): Promise<{ body: string; headers: Record<string, string> }> => {
          handed.push(args);
          return Promise.resolve({ body: 'csv', headers: {} });
        },
      };
      const api = new HttpOrgApi(connection, jsforce);
      expect(await api.request('POST', '/composite/sobjects', { records: [] })).to.deep.equal({ refreshed: true });
      expect(await api.requestText('GET', '/jobs/query/750/results')).to.equal('csv');
      expect(handed).to.deep.equal([
        ['POST', '/composite/sobjects', { records: [] }, {}],
        ['GET', '/jobs/query/750/results', undefined, {}],
      ]);
    });

    it('does not refresh a session that the org refuses for good (as jsforce does not)', async () => {
      server.answers = [json(401, [{ message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' }])];
      const jsforce = {
        request: () => Promise.reject(new Error('handed to jsforce')),
        requestTextWithHeaders: () => Promise.reject(new Error('handed to jsforce')),
      };
      const failure = await failureOf(new HttpOrgApi(connection, jsforce).request('GET', '/limits'));
      expect(failure.errorCode).to.equal('INVALID_SESSION_ID');
      expect(classifyFailure(failure)).to.equal('session');
    });

    it('an HTML error page becomes ERROR_HTTP_<status>, a passing failure, as through jsforce', async () => {
      server.answers = [
        (res): void => {
          res.writeHead(503, { 'content-type': 'text/html' });
          res.end('<html><body>Service Unavailable</body></html>');
        },
      ];
      const direct = await failureOf(new HttpOrgApi(connection).request('POST', '/composite', {}));
      const viaJsforce = await failureOf(new ConnectionOrgApi(connection).request('POST', '/composite', {}));
      expect(direct.errorCode).to.equal('ERROR_HTTP_503').and.equal(viaJsforce.errorCode);
      expect(direct.message).to.match(/^HTTP response contains html content/);
      expect(classifyFailure(direct)).to.equal('transient');
    });

    it('300 Multiple Choices (an external id that matched several records) fails as through jsforce', async () => {
      server.answers = [json(300, ['/services/data/v62.0/sobjects/Account/001000000000001AAA', '/services/data/v62.0/sobjects/Account/001000000000002AAA'])];
      const direct = await failureOf(new HttpOrgApi(connection).request('GET', '/sobjects/Account/External_Id__c/A-1'));
      const viaJsforce = await failureOf(new ConnectionOrgApi(connection).request('GET', '/sobjects/Account/External_Id__c/A-1'));
      expect(direct.errorCode).to.equal('MULTIPLE_CHOICES');
      expect(direct).to.deep.equal(viaJsforce);
    });

    it('a dropped connection fails with its network code, a passing failure', async () => {
      server.answers = [(res): void => void res.socket?.destroy()];
      const failure = await failureOf(new HttpOrgApi(connection).request('GET', '/limits'));
      expect(errorCodeOf(failure)).to.equal('ECONNRESET');
      expect(classifyFailure(failure)).to.equal('transient');
    });
  });

  it('orgApiFor leaves every call to jsforce when the environment asks for what only jsforce does', async () => {
    const connection = await connectTo(org);
    expect(orgApiFor(connection, {})).to.be.instanceOf(HttpOrgApi);
    for (const env of [
      { HTTPS_PROXY: 'http://proxy:3128' },
      { https_proxy: 'http://proxy:3128' },
      { HTTP_TIMEOUT: '60000' },
      { TRACEPARENT: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    ]) {
      expect(orgApiFor(connection, env), JSON.stringify(env)).to.be.instanceOf(ConnectionOrgApi);
    }
  });
});
