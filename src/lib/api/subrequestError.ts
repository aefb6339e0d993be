/** One subrequest's answer, as a Composite response carries it. */
export type SubrequestResult = { httpStatusCode: number; body: unknown };

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
