import type { TemplateObjectSpec } from './templateFile.js';
import { summariseQueryError, type SoqlChecker } from './soqlCheck.js';
import { templateProblem, type TemplateProblem } from './templateProblems.js';

/**
 * Checks `where` and `orderBy` by running them in the source org, the only reliable SOQL parser: `where` in a
 * `SELECT COUNT()` (cheap), `orderBy` in a one-row query (ORDER BY is not allowed with COUNT()). The checks
 * may run before the object's name is known in its describe spelling (SOQL names are case-insensitive, so the
 * name as the template writes it works): the answer tells the problems with that spelling once known.
 */
export async function checkSoqlClauses(
  queryName: string,
  spec: TemplateObjectSpec,
  check: SoqlChecker
): Promise<(objectName: string) => TemplateProblem[]> {
  const clauses: Array<{ property: 'where' | 'orderBy'; clause: string; prefix: string; suffix: string }> = [];
  if (spec.where) clauses.push({ property: 'where', clause: spec.where, prefix: `SELECT COUNT() FROM ${queryName} WHERE `, suffix: '' });
  if (spec.orderBy) clauses.push({ property: 'orderBy', clause: spec.orderBy, prefix: `SELECT Id FROM ${queryName} ORDER BY `, suffix: ' LIMIT 1' });
  const results = await Promise.all(clauses.map((c) => check(c.prefix + c.clause + c.suffix)));
  return (objectName) => results.flatMap((result, i) => {
    if (result.ok) return [];
    const { property, clause, prefix, suffix } = clauses[i];
    const query = prefix + clause + suffix;
    return [
      templateProblem(
        `${spec.name} › ${property}`,
        'badSoql',
        [clause, objectName, summariseQueryError(result.message, prefix.length), result.errorCode],
        [query]
      ),
    ];
  });
}
