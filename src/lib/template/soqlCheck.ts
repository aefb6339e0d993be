import type { Connection } from '@salesforce/core';
import { withReadRetry } from '../api/withRetry.js';

export type SoqlCheckResult = { ok: true } | { ok: false; errorCode: string; message: string };

/** Runs a SOQL query for its errors only; injected so that unit tests need no org. */
export type SoqlChecker = (soql: string) => Promise<SoqlCheckResult>;

/** Query errors that mean "the template's clause is wrong" rather than "the org or network failed". */
const TEMPLATE_ERROR_CODES = new Set(['MALFORMED_QUERY', 'INVALID_FIELD', 'INVALID_TYPE', 'INVALID_QUERY_FILTER_OPERATOR']);

/** A checker over a connection: other errors (session, network) propagate as they are. */
export function connectionSoqlChecker(connection: Connection): SoqlChecker {
  return queryingSoqlChecker(async (soql) => withReadRetry(async () => connection.query(soql)));
}

/**
 * A checker that runs each query through `query` (a run's packed, retried reads: a `where` check is the count
 * query the run asks anyway, and goes with the other small reads). Other errors propagate as they are.
 */
export function queryingSoqlChecker(query: (soql: string) => Promise<unknown>): SoqlChecker {
  return async (soql) => {
    try {
      await query(soql);
      return { ok: true };
    } catch (error) {
      const { errorCode, message } = error as { errorCode?: string; message: string };
      if (errorCode && TEMPLATE_ERROR_CODES.has(errorCode)) return { ok: false, errorCode, message };
      throw error;
    }
  };
}

/**
 * Salesforce's query errors repeat the query with a caret (`\nSELECT ...\n   ^\nERROR at Row:1:Column:36\nNo such
 * column ...`); the last line says what is wrong. The column is translated to the user's clause, which starts at
 * `clauseOffset` (0-based) in the query.
 */
export function summariseQueryError(message: string, clauseOffset: number): string {
  const lines = message.split('\n').map((line) => line.trim()).filter(Boolean);
  const reason = lines[lines.length - 1] ?? message;
  const column = /ERROR at Row:\d+:Column:(\d+)/.exec(message);
  if (!column) return reason;
  const inClause = Number(column[1]) - clauseOffset;
  return inClause >= 1 ? `${reason} (at character ${inClause} of the clause)` : reason;
}
