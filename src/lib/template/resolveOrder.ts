import { didYouMean } from './didYouMean.js';
import { didYouMeanSuffix, templateProblem, type TemplateProblem } from './templateProblems.js';

/**
 * Checks a manual `order` against the template's objects (`objectNames`, describe spelling): every object once,
 * nothing else. Names are matched case-insensitively, as Salesforce does. Returns the order in describe spelling,
 * or null (with problems) when it is not a permutation of the objects.
 */
export function resolveOrder(order: string[], objectNames: readonly string[], problems: TemplateProblem[]): string[] | null {
  const byLower = new Map(objectNames.map((name) => [name.toLowerCase(), name]));
  const seen = new Set<string>();
  const resolved: string[] = [];
  const before = problems.length;
  for (const entry of order) {
    const name = byLower.get(entry.toLowerCase());
    if (!name) {
      problems.push(templateProblem('order', 'orderUnknownObject', [entry, didYouMeanSuffix(didYouMean(entry, objectNames))]));
    } else if (seen.has(name)) {
      problems.push(templateProblem('order', 'orderDuplicate', [name], [name]));
    } else {
      seen.add(name);
      resolved.push(name);
    }
  }
  for (const name of objectNames.filter((n) => !seen.has(n))) {
    problems.push(templateProblem('order', 'orderMissingObject', [name], [name]));
  }
  return problems.length === before ? resolved : null;
}
