import type { TemplateObjectSpec } from './templateFile.js';
import { templateMessage, templateProblem, type TemplateProblem } from './templateProblems.js';

export type Toggles = { insert: boolean; update: boolean };

/**
 * The insert/update toggles of an object. An insert-only object (`"matchBy": false`) has nothing to match, so
 * it can neither update (`update` defaults to false; `true` is a problem) nor be only matched (`insert: false`
 * would make it do nothing). It gets a warning: every run inserts its selected records again.
 */
export function resolveToggles(
  spec: TemplateObjectSpec,
  location: string,
  problems: TemplateProblem[],
  warnings: string[]
): Toggles {
  // History and keys can both update; only `false` (no key, no history) cannot.
  if (spec.matchBy !== false) return { insert: spec.insert ?? true, update: spec.update ?? true };
  if (spec.update === true) problems.push(templateProblem(`${location} › update`, 'insertOnlyUpdate', [location], [location]));
  if (spec.insert === false) problems.push(templateProblem(`${location} › insert`, 'insertOnlyNoInsert', [location], [location]));
  warnings.push(templateMessage('warning.insertOnlyDuplicates', [location]));
  return { insert: true, update: false };
}
