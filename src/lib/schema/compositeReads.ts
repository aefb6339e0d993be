import type { OrgApi } from '../api/orgApi.js';
import { withReadRetry } from '../api/withRetry.js';

/** Salesforce runs at most 25 subrequests in one `/composite` request. */
export const COMPOSITE_SUBREQUEST_LIMIT = 25;

/** One subrequest's answer, as the composite response carries it. */
export type SubrequestResult = { httpStatusCode: number; body: unknown };

type CompositeResponse = { compositeResponse: Array<SubrequestResult & { referenceId: string }> };

/**
 * Sends GET requests (paths relative to `/services/data/vNN.N`) as `/composite` requests of up to 25 subrequests
 * each. The REST API guide: "The entire series of requests counts as a single call toward your API limits", so
 * 25 describes cost one call instead of 25 (`/composite/batch` would count every subrequest).
 *
 * Returns one promise per path, in order, settled when its composite request answers: the subrequest's result,
 * or `undefined` when the composite request itself failed (after the retries a read gets), so that the caller
 * can fall back to a request of its own. The promises never reject.
 *
 * Only for resources Salesforce allows as subrequests and that do not count against the 5 query/collection
 * subrequests a composite request may hold (sObject resources such as describes).
 */
export function getInComposite(api: OrgApi, paths: readonly string[]): Array<Promise<SubrequestResult | undefined>> {
  const results: Array<Promise<SubrequestResult | undefined>> = [];
  for (let start = 0; start < paths.length; start += COMPOSITE_SUBREQUEST_LIMIT) {
    const chunk = paths.slice(start, start + COMPOSITE_SUBREQUEST_LIMIT);
    const compositeRequest = chunk.map((path, i) => ({ method: 'GET', url: `/services/data/v${api.apiVersion}${path}`, referenceId: `r${i}` }));
    const answer = withReadRetry(() => api.request<CompositeResponse>('POST', '/composite', { allOrNone: false, compositeRequest })).then(
      (response) => new Map(response.compositeResponse.map((sub) => [sub.referenceId, sub])),
      () => undefined
    );
    chunk.forEach((_, i) => results.push(answer.then((byReference) => byReference?.get(`r${i}`))));
  }
  return results;
}

/**
 * The error a failed subrequest stands for, shaped as jsforce shapes the error of the same request made on its
 * own (`HttpApiError`: `name` and `errorCode` are Salesforce's error code, `data` its error object), so that
 * callers cannot tell the two apart.
 */
export function subrequestError(result: SubrequestResult): Error & { errorCode: string; data: unknown } {
  const errors = Array.isArray(result.body) ? (result.body as unknown[]) : [result.body];
  if (errors.length > 1) {
    return apiError('Multiple errors returned.\n  Check `error.data` for the error details', 'MULTIPLE_API_ERRORS', errors);
  }
  const first = errors[0] as { errorCode?: unknown; message?: unknown } | null | undefined;
  if (first && typeof first.message === 'string') {
    return apiError(first.message, typeof first.errorCode === 'string' ? first.errorCode : 'Error', first);
  }
  const data = { errorCode: `ERROR_HTTP_${result.httpStatusCode}`, message: JSON.stringify(result.body) };
  return apiError(data.message, data.errorCode, data);
}

function apiError(message: string, errorCode: string, data: unknown): Error & { errorCode: string; data: unknown } {
  const error = new Error(message) as Error & { errorCode: string; data: unknown };
  error.name = errorCode;
  error.errorCode = errorCode;
  error.data = data;
  return error;
}
