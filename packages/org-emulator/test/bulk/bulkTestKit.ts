/**
 * Test support: a Bulk API wired to the fakes, request helpers that speak the wire format (paths under
 * `/services/data/v62.0`, JSON or CSV bodies), and a poll loop that waits for a job's final state.
 */
import type { EmulatorRequest, EmulatorResponse, StatKind } from '../../src/http/types.js';
import { FakeDml } from './fakeDml.js';
import { fakeQuery } from './fakeQuery.js';
import { describeFakeObject } from './fakeSchema.js';
import { createBulkApi } from '../../src/bulk/index.js';
import type { BulkApi, BulkDeps } from '../../src/bulk/types.js';

export type Kit = { api: BulkApi; dml: FakeDml; deps: BulkDeps; stats: StatKind[] };

export const USER_ID = '0055g00000AbCdEAAV';

export function bulkKit(overrides: Partial<BulkDeps> = {}): Kit {
  const dml = new FakeDml();
  const stats: StatKind[] = [];
  const deps: BulkDeps = {
    dml,
    query: (soql) => fakeQuery(dml, soql),
    describeObject: describeFakeObject,
    userId: USER_ID,
    count: (kind) => stats.push(kind),
    now: () => new Date('2024-05-06T07:08:09.345Z'),
    perRecordMs: 0,
    ...overrides,
  };
  return { api: createBulkApi(deps), dml, deps, stats };
}

export async function send(
  kit: Kit,
  method: string,
  path: string,
  body: unknown = '',
  options: { query?: Record<string, string>; apiVersion?: string } = {}
): Promise<EmulatorResponse> {
  const req: EmulatorRequest = {
    method,
    path,
    query: new URLSearchParams(options.query ?? {}),
    headers: {},
    body: typeof body === 'string' ? body : JSON.stringify(body),
    apiVersion: options.apiVersion ?? '62.0',
    instanceUrl: 'http://127.0.0.1:4567',
  };
  const response = await kit.api.handle(req);
  if (!response) throw new Error(`${method} ${path} is not a bulk path`);
  return response;
}

/** The body of a response as text (CSV, or JSON written by hand). */
export function bodyText(response: EmulatorResponse): string {
  return typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
}

/** The parsed JSON body of a response (bulk answers JSON as text, to keep `apiVersion` as `62.0`). */
export function json(response: EmulatorResponse): Record<string, unknown> & Array<Record<string, unknown>> {
  const body = typeof response.body === 'string' ? (JSON.parse(response.body) as unknown) : response.body;
  return body as Record<string, unknown> & Array<Record<string, unknown>>;
}

export async function waitForState(kit: Kit, family: 'ingest' | 'query', id: string, states: string[]): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 2000; attempt++) {
    const info = json(await send(kit, 'GET', `/jobs/${family}/${id}`));
    if (states.includes(String(info.state))) return info;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`job ${id} never reached ${states.join('/')}`);
}

/** Creates an ingest job, uploads `csv`, closes it and waits until it is done. */
export async function runIngestJob(kit: Kit, job: Record<string, unknown>, csv: string): Promise<{ id: string; info: Record<string, unknown> }> {
  const created = json(await send(kit, 'POST', '/jobs/ingest', job));
  const id = String(created.id);
  const upload = await send(kit, 'PUT', `/jobs/ingest/${id}/batches`, csv);
  if (upload.status !== 201) throw new Error(`upload failed: ${JSON.stringify(upload.body)}`);
  await send(kit, 'PATCH', `/jobs/ingest/${id}`, { state: 'UploadComplete' });
  return { id, info: await waitForState(kit, 'ingest', id, ['JobComplete', 'Failed', 'Aborted']) };
}

export async function resultText(kit: Kit, id: string, file: string): Promise<string> {
  return bodyText(await send(kit, 'GET', `/jobs/ingest/${id}/${file}`));
}
