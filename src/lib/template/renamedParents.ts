/**
 * Lookups to an object the template loads into a target object of another name (`"target"`): the target field
 * written must point to that object there, or every write would fail (a `Client__c` id in `Contact.AccountId`).
 */
import type { DescribeSObject } from '../schema/describeTypes.js';
import { findField } from '../schema/fieldRules.js';
import type { SyncObject } from './syncTemplate.js';
import { templateProblem, type TemplateProblem } from './templateProblems.js';
import { mappedSources } from './transformRules.js';

export function renamedParentProblems(
  objects: readonly SyncObject[],
  sourceDescribes: ReadonlyMap<string, DescribeSObject>,
  targetDescribes: ReadonlyMap<string, DescribeSObject> | undefined
): TemplateProblem[] {
  const renamed = new Map(objects.flatMap((object) => (object.targetName ? [[object.name, object.targetName] as const] : [])));
  if (renamed.size === 0 || !targetDescribes) return [];
  const problems: TemplateProblem[] = [];
  for (const object of objects) {
    const source = sourceDescribes.get(object.name);
    const target = targetDescribes.get(object.name);
    if (!source || !target) continue;
    const mappedFrom = mappedSources(object.transform);
    for (const fieldName of object.fields) {
      const sourceField = findField(source, mappedFrom.get(fieldName) ?? fieldName);
      const targetField = findField(target, fieldName);
      if (sourceField?.type !== 'reference' || !targetField) continue;
      for (const parent of sourceField.referenceTo) {
        const parentTarget = renamed.get(parent);
        if (!parentTarget || targetField.referenceTo.some((name) => name.toLowerCase() === parentTarget.toLowerCase())) continue;
        problems.push(
          templateProblem(
            `${object.name} › fields`,
            'lookupToRenamed',
            [`${object.name}.${sourceField.name}`, parent, parentTarget, `${target.name}.${targetField.name}`, targetField.referenceTo.join(', ') || 'nothing'],
            [sourceField.name, parentTarget, sourceField.name]
          )
        );
      }
    }
  }
  return problems;
}
