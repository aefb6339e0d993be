import type { DescribeSObject } from './describeTypes.js';

/**
 * The target's describe with its lookups pointing to template names: a lookup to `Client__c`, into which the
 * template loads its `Account`, points to `Account`, as the plan, the id map and the parents' arrivals name it.
 * The describe keeps its own name, the target's, which the engine sends to the target org.
 */
export function withTemplateNames(describe: DescribeSObject, templateNameOf: ReadonlyMap<string, string>): DescribeSObject {
  if (templateNameOf.size === 0) return describe;
  const renamed = (names: readonly string[]): string[] => names.map((name) => templateNameOf.get(name) ?? name);
  return { ...describe, fields: describe.fields.map((field) => (field.type === 'reference' ? { ...field, referenceTo: renamed(field.referenceTo) } : field)) };
}
