import { expect } from 'chai';
import type { HttpMethod, HeaderTextOrgApi, TextResponse } from '../../../src/lib/api/orgApi.js';
import { errorCodeOf } from '../../../src/lib/api/failures.js';
import { bulkQueryPages, BulkQueryError, type CsvPage } from '../../../src/lib/bulk/queryJob.js';

type Answer = { state?: string; errorMessage?: string; page?: TextResponse | Error };

/**
 * A query job endpoint whose every answer the test writes: job states polled in turn, result pages in turn.
 * It records every call so that the paths (maxRecords, locator) can be checked.
 */
class ScriptedQueryOrg implements HeaderTextOrgApi {
  public readonly apiVersion = '62.0';
  public readonly calls: string[] = [];
  public constructor(
    private readonly states: Answer[],
    private readonly pages: Array<TextResponse | Error>
  ) {}

  public request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    this.calls.push(`${method} ${path}`);
    if (method === 'POST') {
      expect(body).to.deep.include({ operation: 'query', contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' });
      return Promise.resolve({ id: '750Q', state: 'UploadComplete' } as T);
    }
    const next = this.states.shift() ?? { state: 'JobComplete' };
    return Promise.resolve({ id: '750Q', ...next } as T);
  }

  public requestTextWithHeaders(method: HttpMethod, path: string): Promise<TextResponse> {
    this.calls.push(`${method} ${path}`);
    const next = this.pages.shift();
    if (!next) return Promise.reject(new Error('no more pages scripted'));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }
}

const page = (body: string, locator: string, records?: number): TextResponse => ({
  body,
  headers: { 'sforce-locator': locator, ...(records === undefined ? {} : { 'sforce-numberofrecords': String(records) }) },
});

const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2, retry: { maxAttempts: 3, baseMs: 1, maxMs: 2 } };

async function read(api: ScriptedQueryOrg, pageSize = 2): Promise<CsvPage[]> {
  const pages: CsvPage[] = [];
  for await (const result of bulkQueryPages(api, { ...FAST, soql: 'SELECT Id, Name FROM Account', pageSize })) pages.push(result);
  return pages;
}

async function failureOf(api: ScriptedQueryOrg): Promise<Error> {
  try {
    await read(api);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the read did not fail');
}

describe('bulk: query jobs', () => {
  it('polls until JobComplete, then follows Sforce-Locator until "null", asking maxRecords per page', async () => {
    const api = new ScriptedQueryOrg(
      [{ state: 'InProgress' }, { state: 'JobComplete' }],
      [page('"Id","Name"\n"001A","a, b"\n"001B",""\n', 'MTAw/+=', 2), page('"Id","Name"\n"001C","line\n2"\n', 'null', 1)]
    );
    const pages = await read(api);
    expect(pages).to.deep.equal([
      {
        header: ['Id', 'Name'],
        rows: [
          ['001A', 'a, b'],
          ['001B', ''],
        ],
      },
      { header: ['Id', 'Name'], rows: [['001C', 'line\n2']] },
    ]);
    expect(api.calls).to.deep.equal([
      'POST /jobs/query',
      'GET /jobs/query/750Q',
      'GET /jobs/query/750Q',
      'GET /jobs/query/750Q/results?maxRecords=2',
      'GET /jobs/query/750Q/results?maxRecords=2&locator=MTAw%2F%2B%3D',
    ]);
  });

  it('reads a result page again after a passing failure (a read changes nothing)', async () => {
    const unavailable = Object.assign(new Error('Service Unavailable'), { errorCode: 'ERROR_HTTP_503' });
    const api = new ScriptedQueryOrg([], [unavailable, page('"Id"\n"001A"\n', 'null', 1)]);
    expect((await read(api)).flatMap((result) => result.rows)).to.deep.equal([['001A']]);
  });

  it("fails with Salesforce's errorMessage when the job ends Failed, and names Aborted jobs", async () => {
    const failed = await failureOf(new ScriptedQueryOrg([{ state: 'Failed', errorMessage: 'InvalidBatch : query timed out' }], []));
    expect(failed).to.be.instanceOf(BulkQueryError);
    expect(failed.message).to.equal('Bulk API query (job 750Q) failed: the job ended Failed: InvalidBatch : query timed out');
    const aborted = await failureOf(new ScriptedQueryOrg([{ state: 'Aborted' }], []));
    expect(aborted.message).to.equal('Bulk API query (job 750Q) failed: the job ended Aborted: no reason given');
  });

  it('refuses a page without Sforce-Locator (it would read the first page for ever) or with fewer rows than announced', async () => {
    const noLocator = await failureOf(new ScriptedQueryOrg([], [{ body: '"Id"\n"001A"\n', headers: {} }]));
    expect(noLocator.message).to.match(/without its Sforce-Locator header/);
    const short = await failureOf(new ScriptedQueryOrg([], [page('"Id"\n"001A"\n', 'null', 2)]));
    expect(short.message).to.match(/announced 2 records and held 1/);
  });

  it('keeps the error code of a failed request visible through the wrapper', async () => {
    const expired = Object.assign(new Error('Session expired or invalid'), { errorCode: 'INVALID_SESSION_ID' });
    const error = await failureOf(new ScriptedQueryOrg([], [expired]));
    expect(errorCodeOf(error)).to.equal('INVALID_SESSION_ID');
  });
});
