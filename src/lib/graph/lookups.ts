import { mappedSources } from '../template/transformRules.js';
import type { DescribeMap } from '../schema/describeSource.js';
import type { DescribeField } from '../schema/describeTypes.js';
import type { SyncTemplate } from '../template/syncTemplate.js';
import { findField, isLookup, isMasterDetail } from '../schema/fieldRules.js';
import type { LookupKind } from './planTypes.js';

/** One synced lookup field of a template object, split by where its targets are. */
export type Lookup = {
  child: string;
  field: string;
  /** Template objects (other than `child`) it can point to, in template order: the graph's edges. */
  parents: string[];
  /** It can point to `child` itself. */
  selfReference: boolean;
  /** Objects outside the template it can point to: resolved in the target, never created. */
  outside: string[];
  kind: LookupKind;
};

/**
 * The lookups among each object's synced fields. Relationships come from the source describe; whether a lookup
 * can be deferred is judged on both describes (the stricter wins), since the target is where records are written.
 */
export function collectLookups(template: SyncTemplate, source: DescribeMap, target?: DescribeMap): Lookup[] {
  const inTemplate = new Set(template.objects.map((o) => o.name));
  const templateIndex = new Map(template.objects.map((o, i) => [o.name, i]));
  const lookups: Lookup[] = [];
  for (const object of template.objects) {
    const sourceDescribe = source.get(object.name);
    if (!sourceDescribe) continue;
    const targetDescribe = target?.get(object.name);
    const mappedFrom = mappedSources(object.transform);
    for (const fieldName of object.fields) {
      // A lookup mapped onto another (`"AccountId": "Client__c"`) points where its source field does.
      const mapped = mappedFrom.get(fieldName);
      const field = findField(sourceDescribe, mapped ?? fieldName);
      if (!field || !isLookup(field)) continue;
      const targetField = targetDescribe ? findField(targetDescribe, fieldName) : undefined;
      const parents = field.referenceTo
        .filter((name) => inTemplate.has(name) && name !== object.name)
        .sort((a, b) => (templateIndex.get(a) ?? 0) - (templateIndex.get(b) ?? 0));
      lookups.push({
        child: object.name,
        field: mapped ? fieldName : field.name,
        parents,
        selfReference: field.referenceTo.includes(object.name),
        outside: field.referenceTo.filter((name) => !inTemplate.has(name)),
        kind: lookupKind(field, targetField),
      });
    }
  }
  return lookups;
}

/**
 * A lookup can be deferred (inserted empty, filled by the update pass) only when it may be empty, can be set
 * on insert and changed later, and is not master-detail. A lookup that cannot be set on insert but can be updated
 * is always filled by the update pass.
 */
export function lookupKind(field: DescribeField, targetField?: DescribeField): LookupKind {
  const both = targetField ? [field, targetField] : [field];
  if (both.some(isMasterDetail)) return 'masterDetail';
  if (both.some((f) => !f.createable) && both.every((f) => f.updateable)) return 'updateOnly';
  if (both.some((f) => !f.nillable)) return 'notNillable';
  if (both.some((f) => !f.updateable)) return 'notUpdateable';
  return 'deferrable';
}

/** Lookups that constrain the insert order: those that must or may be set on insert. */
export function constrainsInsertOrder(lookup: Lookup): boolean {
  return lookup.kind !== 'updateOnly' && lookup.parents.length > 0;
}
