/** One subrequest's answer, as a Composite response carries it. */
export type SubrequestResult = { httpStatusCode: number; body: unknown };

/** An error of the REST API as jsforce shapes it (`HttpApiError`). */
export type ApiError = Error & { errorCode: string; data: unknown };

/**
 * The error a refused request stands for, shaped as jsforce shapes it (`HttpApiError`: `name` and `errorCode`
 * are Salesforce's error code, `data` its error object), so that callers cannot tell which client made the
 * request, nor a subrequest from the same request made on its own. `body` is the answer parsed, `text` the
 * answer as sent (what the error says when it is not Salesforce's error list, e.g. an HTML error page).
 */
export function refusalError(status: number, body: unknown, text: string): ApiError {
  const errors = Array.isArray(body) ? (body as unknown[]) : [body];
  if (errors.length > 1) {
    return apiError('Multiple errors returned.\n  Check `error.data` for the error details', 'MULTIPLE_API_ERRORS', errors);
  }
  const first = errors[0] as { errorCode?: unknown; message?: unknown } | null | undefined;
  if (first && typeof first.message === 'string') {
    return apiError(first.message, typeof first.errorCode === 'string' ? first.errorCode : 'Error', first);
  }
  const data = { errorCode: `ERROR_HTTP_${status}`, message: text };
  return apiError(data.message, data.errorCode, data);
}

/** The error a failed subrequest stands for (see `refusalError`). */
export function subrequestError(result: SubrequestResult): ApiError {
  return refusalError(result.httpStatusCode, result.body, JSON.stringify(result.body));
}

function apiError(message: string, errorCode: string, data: unknown): ApiError {
  const error = new Error(message) as ApiError;
  error.name = errorCode;
  error.errorCode = errorCode;
  error.data = data;
  return error;
}
