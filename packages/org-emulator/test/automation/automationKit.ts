/** Test helper (not a test): HTTP calls to an emulated org, SOQL urls, and a Bulk 2.0 ingest job run to its end. */
import type { EmulatedOrg } from '../../src/index.js';

export const V = '/services/data/v62.0';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are arbitrary JSON
export type Reply = { status: number; body: any; text: string };

export async function call(org: EmulatedOrg, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${org.instanceUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${org.accessToken}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, text };
}

export const query = (soql: string): string => `${V}/query?q=${encodeURIComponent(soql)}`;
export const toolingQuery = (soql: string): string => `${V}/tooling/query?q=${encodeURIComponent(soql)}`;

/** Runs a Bulk 2.0 ingest job to its end; answers the failed rows' CSV. */
export async function bulkIngest(org: EmulatedOrg, object: string, operation: string, csv: string): Promise<string> {
  const job = (await call(org, 'POST', `${V}/jobs/ingest`, { object, operation, lineEnding: 'LF' })).body as { id: string };
  await call(org, 'PUT', `${V}/jobs/ingest/${job.id}/batches`, csv, { 'Content-Type': 'text/csv' });
  await call(org, 'PATCH', `${V}/jobs/ingest/${job.id}`, { state: 'UploadComplete' });
  for (let i = 0; i < 200; i++) {
    const info = (await call(org, 'GET', `${V}/jobs/ingest/${job.id}`)).body as { state: string };
    if (info.state === 'JobComplete' || info.state === 'Failed') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return (await call(org, 'GET', `${V}/jobs/ingest/${job.id}/failedResults`)).text;
}
