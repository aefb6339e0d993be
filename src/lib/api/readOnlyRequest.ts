/**
 * Whether a request changes nothing in the org: GETs, and Composite requests made only of GETs (long queries,
 * describes, counts). Such a request may be retried blindly and goes in the gate's read lane.
 */
export function isReadOnlyRequest(method: string, path: string, body?: unknown): boolean {
  if (method === 'GET') return true;
  if (method !== 'POST' || path !== '/composite') return false;
  const requests = (body as { compositeRequest?: Array<{ method?: string }> } | undefined)?.compositeRequest;
  return Array.isArray(requests) && requests.every((request) => (request.method ?? 'GET').toUpperCase() === 'GET');
}
