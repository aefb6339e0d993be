/** Test helper (not a test): an emulated org over the fixture-based test schema, and a fetch wrapper. */
import { gzipSync } from 'node:zlib';
import { testSchema } from '../org/testSchema.js';
import { type EmulatedOrg, type ResolvedOrgOptions, startEmulatedOrg } from '../../src/orgServer.js';
import { compileCondition, runSoql } from '../../src/soql/index.js';

export type Call = (
  method: string,
  path: string,
  body?: unknown,
  options?: { headers?: Record<string, string>; token?: string | null; gzip?: boolean; raw?: boolean }
) => // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies
Promise<{ status: number; body: any; text: string; headers: Headers }>;

export async function startTestOrg(options: Partial<ResolvedOrgOptions> = {}): Promise<EmulatedOrg & { call: Call }> {
  const org = await startEmulatedOrg({
    schema: testSchema(),
    runSoql,
    conditionCompiler: (source) => (objectName, expr) => compileCondition(objectName, expr, source),
    ...options,
  });
  const call: Call = async (method, path, body, callOptions = {}) => {
    const headers: Record<string, string> = { ...callOptions.headers };
    const token = callOptions.token === undefined ? org.accessToken : callOptions.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    let payload: string | Buffer | undefined;
    if (body !== undefined) {
      payload = callOptions.raw && typeof body === 'string' ? body : JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
      if (callOptions.gzip) {
        payload = gzipSync(payload);
        headers['Content-Encoding'] = 'gzip';
      }
    }
    const res = await fetch(`${org.instanceUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
  return { ...org, call };
}
