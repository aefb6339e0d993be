import type { OrgApi } from './orgApi.js';
import { withReadRetry } from './withRetry.js';
import type { SubrequestResult } from './subrequestError.js';
import { SALESFORCE_LIMITS } from './salesforceLimits.js';

/** Salesforce runs at most 25 subrequests in one `/composite` request. */
export const COMPOSITE_SUBREQUEST_LIMIT = SALESFORCE_LIMITS.compositeSubrequests;

type CompositeResponse = { compositeResponse: Array<SubrequestResult & { referenceId: string }> };

/**
 * Sends GET requests (paths relative to `/services/data/vNN.N`) as `/composite` requests of up to `perRequest`
 * subrequests each (25; 5 for queries, which Salesforce counts against the 5 query/collection subrequests). The REST API guide: "The entire series of requests counts as a single call toward your API limits", so
 * 25 describes cost one call instead of 25 (`/composite/batch` would count every subrequest).
 *
 * Returns one promise per path, in order, settled when its composite request answers: the subrequest's result,
 * or `undefined` when the composite request itself failed (after the retries a read gets), so that the caller
 * can fall back to a request of its own. The promises never reject.
 */
export function getInComposite(
  api: OrgApi,
  paths: readonly string[],
  perRequest = COMPOSITE_SUBREQUEST_LIMIT
): Array<Promise<SubrequestResult | undefined>> {
  const results: Array<Promise<SubrequestResult | undefined>> = [];
  for (let start = 0; start < paths.length; start += perRequest) {
    const chunk = paths.slice(start, start + perRequest);
    const compositeRequest = chunk.map((path, i) => ({ method: 'GET', url: `/services/data/v${api.apiVersion}${path}`, referenceId: `r${i}` }));
    const answer = withReadRetry(() => api.request<CompositeResponse>('POST', '/composite', { allOrNone: false, compositeRequest })).then(
      (response) => new Map(response.compositeResponse.map((sub) => [sub.referenceId, sub])),
      () => undefined
    );
    chunk.forEach((_, i) => results.push(answer.then((byReference) => byReference?.get(`r${i}`))));
  }
  return results;
}
