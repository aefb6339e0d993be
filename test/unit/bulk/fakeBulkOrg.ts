/**
 * An in-memory Bulk API 2.0 ingest endpoint behind the `TextOrgApi` interface, for unit tests of the client:
 * it records every call, parses the uploaded CSV and lets each test decide what happens to every row. Result
 * files are written as Salesforce writes them (`sf__` columns first, every cell quoted) in reverse row order,
 * so a client that pairs rows by position fails.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { HttpMethod, TextOrgApi } from '../../../src/lib/api/orgApi.js';
import type { IngestJobInfo, JobState } from '../../../src/lib/bulk/types.js';

export type Row = Record<string, string>;
export type RowFate =
  | { result: 'success'; id: string; created: boolean }
  | { result: 'failure'; id?: string; error: string }
  | { result: 'unprocessed' }
  /** In no result file at all (Salesforce lost track of it). */
  | { result: 'missing' };

export type Call = { method: HttpMethod; path: string; body?: unknown; headers?: Record<string, string> };

type FakeJob = IngestJobInfo & { spec: Record<string, unknown>; csv?: string; polls: number };

export class FakeBulkOrg implements TextOrgApi {
  public readonly apiVersion = '62.0';
  public readonly calls: Call[] = [];
  public readonly jobs: FakeJob[] = [];
  /** What happens to each uploaded row. */
  public decide: (row: Row, job: FakeJob) => RowFate = (row) => ({ result: 'success', id: `id-${row.Id ?? ''}`, created: true });
  /** Polls before a closed job completes; `Infinity` = never (until aborted). */
  public pollsToComplete = 1;
  /** The state a finished job ends in. */
  public finalState: JobState = 'JobComplete';
  public finalErrorMessage?: string;
  /** Errors thrown by the next matching calls (first match wins, then removed). */
  public readonly failures: Array<{ method: HttpMethod; pathPattern: RegExp; error: Error }> = [];

  public request<T>(method: HttpMethod, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.handle(method, path, body, headers) as Promise<T>;
  }

  public requestText(method: HttpMethod, path: string, body?: string, headers?: Record<string, string>): Promise<string> {
    return this.handle(method, path, body, headers) as Promise<string>;
  }

  public uploadedRows(job: FakeJob): Row[] {
    return parse<Row>(job.csv ?? '', { columns: true });
  }

  private handle(method: HttpMethod, path: string, body: unknown, headers?: Record<string, string>): Promise<unknown> {
    this.calls.push({ method, path, body, headers });
    const failure = this.failures.findIndex((entry) => entry.method === method && entry.pathPattern.test(path));
    if (failure >= 0) return Promise.reject(this.failures.splice(failure, 1)[0].error);
    try {
      return Promise.resolve(this.answer(method, path, body));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private answer(method: HttpMethod, path: string, body: unknown): unknown {
    if (method === 'POST' && path === '/jobs/ingest') return this.create(body as Record<string, unknown>);
    const job = this.jobs.find((candidate) => path.includes(candidate.id));
    if (!job) throw Object.assign(new Error('The requested resource does not exist'), { errorCode: 'NOT_FOUND' });
    if (method === 'PUT') return this.upload(job, String(body));
    if (method === 'PATCH') return this.changeState(job, (body as { state: JobState }).state);
    if (path.endsWith('/successfulResults')) return this.resultFile(job, 'success');
    if (path.endsWith('/failedResults')) return this.resultFile(job, 'failure');
    if (path.endsWith('/unprocessedrecords')) return this.resultFile(job, 'unprocessed');
    return this.poll(job);
  }

  private create(spec: Record<string, unknown>): IngestJobInfo {
    const id = `750000000000${String(this.jobs.length + 1).padStart(3, '0')}AAA`;
    const job: FakeJob = {
      id,
      state: 'Open',
      object: String(spec.object),
      operation: String(spec.operation),
      contentUrl: `services/data/v62.0/jobs/ingest/${id}/batches`,
      spec,
      polls: 0,
    };
    this.jobs.push(job);
    return { ...job };
  }

  private upload(job: FakeJob, csv: string): string {
    job.csv = csv;
    return '';
  }

  private changeState(job: FakeJob, state: JobState): IngestJobInfo {
    if (state === 'Aborted' && ['JobComplete', 'Failed', 'Aborted'].includes(job.state)) {
      throw Object.assign(new Error('Aborting already Completed Job not allowed'), { errorCode: 'INVALIDJOBSTATE' });
    }
    job.state = state;
    return { id: job.id, state, object: job.object, operation: job.operation };
  }

  private poll(job: FakeJob): IngestJobInfo {
    job.polls++;
    if (job.state === 'UploadComplete' && job.polls >= this.pollsToComplete) {
      job.state = this.finalState;
      if (this.finalErrorMessage) job.errorMessage = this.finalErrorMessage;
    } else if (job.state === 'UploadComplete') {
      return { id: job.id, state: 'InProgress', object: job.object, operation: job.operation };
    }
    const { spec: _spec, csv: _csv, polls: _polls, ...info } = job;
    return info;
  }

  private resultFile(job: FakeJob, wanted: 'success' | 'failure' | 'unprocessed'): string {
    const rows = this.uploadedRows(job).reverse();
    const firstLine: string[][] = parse(job.csv ?? '', { to_line: 1 });
    const header = firstLine[0] ?? [];
    const lines: string[][] = [];
    for (const row of rows) {
      const fate = job.state === 'Aborted' ? ({ result: 'unprocessed' } as const) : this.decide(row, job);
      if (fate.result !== wanted) continue;
      const cells = header.map((column) => row[column]);
      if (fate.result === 'success') lines.push([fate.id, String(fate.created), ...cells]);
      else if (fate.result === 'failure') lines.push([fate.id ?? '', fate.error, ...cells]);
      else lines.push(cells);
    }
    const sfColumns = { success: ['"sf__Id"', '"sf__Created"'], failure: ['"sf__Id"', '"sf__Error"'], unprocessed: [] }[wanted];
    const headerLine = [...sfColumns, ...header].join(',') + '\n';
    return lines.length === 0 && wanted === 'unprocessed' ? '' : headerLine + stringify(lines, { quoted: true, quoted_empty: true });
  }
}
