/**
 * The target's names of a run's objects: the journal names each object as the template does (its source name),
 * and a template object may load into a target object of another name (`"target"`), which the run's normalised
 * template in run.json keeps as `targetName`.
 */
import type { TargetName } from '../util/targetNames.js';

/** The names from the run's template (`run.json` `template`); an object without one keeps its own. */
export function targetNamesOf(template: unknown): TargetName {
  const names = new Map<string, string>();
  const objects = (template as { objects?: unknown } | undefined)?.objects;
  for (const object of Array.isArray(objects) ? objects : []) {
    const { name, targetName } = object as { name?: unknown; targetName?: unknown };
    if (typeof name === 'string' && typeof targetName === 'string') names.set(name, targetName);
  }
  return (object) => names.get(object) ?? object;
}
