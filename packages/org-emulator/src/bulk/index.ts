/**
 * Bulk API 2.0 (ingest and query jobs) for the local org emulator. The server's router hands every request
 * here first; `undefined` means "not a bulk path".
 */
import { routeBulkRequest } from './bulkRouter.js';
import { JobStore } from './jobStore.js';
import type { BulkApi, BulkDeps } from './types.js';

export type { BulkApi, BulkDeps } from './types.js';

export function createBulkApi(deps: BulkDeps): BulkApi {
  const store = new JobStore();
  return {
    handle: (req) => Promise.resolve(routeBulkRequest(req, store, deps)),
    reset: () => store.reset(),
  };
}
