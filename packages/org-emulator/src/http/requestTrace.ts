/**
 * `ISYNC_EMULATOR_TRACE=<file>`: every API request an org receives, one line each (time, org, method, path and
 * query; a Composite's subrequests indented below it), and a line when it is answered (`answered`: the time
 * the cost model gave it, the emulator's own work within it, and the whole), appended to the file. For finding
 * where a client's calls and seconds go; off unless the variable is set, and read once per process.
 */
import { appendFileSync } from 'node:fs';

const TRACE_FILE = process.env.ISYNC_EMULATOR_TRACE;

export function traceRequest(orgId: string, method: string, pathname: string, query: URLSearchParams, body: string): void {
  if (!TRACE_FILE) return;
  const q = query.get('q');
  const lines = [`${new Date().toISOString()} ${orgId} ${method} ${pathname}${q === null ? '' : ` q=${q}`}`];
  if (pathname.endsWith('/composite') && body !== '') {
    try {
      const parsed = JSON.parse(body) as { compositeRequest?: Array<{ method?: string; url?: string; body?: { records?: unknown[]; ids?: unknown } }> };
      for (const sub of parsed.compositeRequest ?? []) {
        const size = sub.body?.records?.length;
        lines.push(`    ${sub.method ?? 'GET'} ${decodeURIComponent(sub.url ?? '')}${size === undefined ? '' : ` (${size} records)`}`);
      }
    } catch {
      lines.push('    (unreadable body)');
    }
  }
  appendFileSync(TRACE_FILE, `${lines.join('\n')}\n`);
}

/** The answer to a request traced by traceRequest: when it left, and what its time was made of (milliseconds). */
export function traceAnswer(orgId: string, method: string, pathname: string, times: { modelledMs: number; workMs: number; totalMs: number }): void {
  if (!TRACE_FILE) return;
  const ms = (value: number): string => value.toFixed(0);
  appendFileSync(
    TRACE_FILE,
    `${new Date().toISOString()} ${orgId} answered ${method} ${pathname}: modelled ${ms(times.modelledMs)} ms, work ${ms(times.workMs)} ms, total ${ms(times.totalMs)} ms\n`
  );
}
