import { countQuery, templateFilter, templateOrdering } from './soqlClauses.js';
import { clauseKeywordProblem, type ClauseProperty } from './clauseKeywords.js';
import type { TemplateObjectSpec } from './templateFile.js';
import { summariseQueryError, type SoqlChecker } from './soqlCheck.js';
import { templateProblem, type TemplateProblem } from './templateProblems.js';

/** A clause as the engine sends it, and where the clause starts in that query (for the error's column). */
type ClauseCheck = { property: ClauseProperty; clause: string; query: string; clauseAt: number };

/**
 * Checks `where` and `orderBy` by running them in the source org, the only reliable SOQL parser, placed
 * exactly as the sync sends them (see sourceQuery.ts): `where` is the count query the sync starts with,
 * `WHERE (clause)` (the parentheses are what make `Name != null LIMIT 1` wrong there); `orderBy` ends a
 * one-row query, `ORDER BY clause LIMIT 1`, as the template's `limit` follows it (ORDER BY is not allowed
 * with COUNT()). A clause that holds another clause's keywords is reported without asking the org, with the
 * properties to write instead. The checks may run before the object's name is known in its describe spelling
 * (SOQL names are case-insensitive, so the name as the template writes it works): the answer tells the
 * problems with that spelling once known. `index` is the object's place in the template's `objects`.
 */
export async function checkSoqlClauses(
  queryName: string,
  spec: TemplateObjectSpec,
  index: number,
  check: SoqlChecker
): Promise<(objectName: string) => TemplateProblem[]> {
  const location = (property: ClauseProperty): string => `objects[${index}] (${spec.name}).${property}`;
  const clauses = [...(spec.where ? [whereCheck(queryName, spec.where)] : []), ...(spec.orderBy ? [orderByCheck(queryName, spec.orderBy)] : [])];
  const keywordProblems = clauses.map((c) => clauseKeywordProblem(location(c.property), c.property, c.clause, c.query));
  const results = await Promise.all(clauses.map((c, i) => (keywordProblems[i] ? Promise.resolve(undefined) : check(c.query))));
  return (objectName) =>
    clauses.flatMap(({ property, clause, query, clauseAt }, i) => {
      const keywordProblem = keywordProblems[i];
      if (keywordProblem) return [keywordProblem];
      const result = results[i];
      if (!result || result.ok) return [];
      return [templateProblem(location(property), 'badSoql', [clause, objectName, summariseQueryError(result.message, clauseAt), result.errorCode], [query])];
    });
}

function whereCheck(queryName: string, where: string): ClauseCheck {
  const query = countQuery(queryName, where);
  return { property: 'where', clause: where, query, clauseAt: query.length - templateFilter(where).length + 1 };
}

function orderByCheck(queryName: string, orderBy: string): ClauseCheck {
  const ordering = templateOrdering(orderBy, 1);
  const query = `SELECT Id FROM ${queryName}${ordering}`;
  return { property: 'orderBy', clause: orderBy, query, clauseAt: query.length - ordering.length + ' ORDER BY '.length };
}
