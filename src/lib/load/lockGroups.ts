import type { DescribeField } from '../schema/describeTypes.js';

/**
 * The field whose parent Salesforce locks while a child is written: the master-detail (relationshipOrder
 * 0, the primary master of a junction). Writing children of one parent from two requests at once makes one of
 * them wait for the lock and, past about ten seconds, fail with UNABLE_TO_LOCK_ROW.
 */
export function lockingParentField(fields: readonly DescribeField[]): string | undefined {
  const masters = fields.filter((field) => field.type === 'reference' && field.relationshipOrder !== null);
  return (masters.find((field) => field.relationshipOrder === 0) ?? masters[0])?.name;
}

/**
 * The items reordered so that the children of one parent are next to each other (parents in order of first
 * appearance, items in their order within a parent): cut into batches, they reach Salesforce in as few
 * requests per parent as possible, so concurrent batches rarely lock the same parent row.
 */
export function groupByParent<T extends { values: Record<string, unknown> }>(items: readonly T[], field: string): T[] {
  const groups = new Map<unknown, T[]>();
  for (const item of items) {
    const parent = item.values[field] ?? null;
    const group = groups.get(parent);
    if (group) group.push(item);
    else groups.set(parent, [item]);
  }
  return [...groups.values()].flat();
}
