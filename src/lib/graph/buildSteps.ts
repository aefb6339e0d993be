import type { DescribeMap } from '../schema/describeSource.js';
import type { SyncTemplate } from '../template/syncTemplate.js';
import type { Lookup } from './lookups.js';
import type { ObjectGraph } from './loadOrder.js';
import type { PlanProblem, PlanStep, ReferenceLookup } from './planTypes.js';
import { referenceResolution } from './referenceResolution.js';
import { stepReason } from './stepReason.js';

export type BuiltSteps = {
  steps: PlanStep[];
  /** Required lookups that point to an object loaded later: only a manual order can produce them. */
  forwardRequired: Array<Extract<PlanProblem, { kind: 'orderForwardRequired' }>>;
  warnings: string[];
};

/**
 * Turns a load order into steps. Whatever produced the order, the lookups are classified the same way: a
 * lookup whose parent is loaded later is deferred (or, when it cannot be, reported), so a computed order that is
 * written to the template and read back as a manual order yields the same plan.
 */
export function buildSteps(
  order: readonly number[],
  graph: ObjectGraph,
  components: readonly number[][],
  template: SyncTemplate,
  referenceDescribes: DescribeMap,
  manual: boolean
): BuiltSteps {
  const position = new Map(order.map((node, i) => [graph.names[node], i]));
  const cycleOf = new Map<string, string[]>();
  for (const members of components.filter((m) => m.length > 1)) {
    const names = members.map((node) => graph.names[node]).sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    for (const name of names) cycleOf.set(name, names);
  }
  const result: BuiltSteps = { steps: [], forwardRequired: [], warnings: [] };

  order.forEach((node, i) => {
    const object = template.objects[node];
    const facts = { after: [] as Array<{ field: string; parent: string }>, deferred: [] as string[], selfReferences: [] as string[] };
    const references: ReferenceLookup[] = [];
    for (const lookup of graph.lookups.filter((l) => l.child === object.name)) {
      classifyLookup(lookup, i, position, facts, result);
      if (lookup.outside.length > 0) references.push(reference(lookup, referenceDescribes, result.warnings));
    }
    const cycle = cycleOf.get(object.name) ?? null;
    result.steps.push({
      step: i + 1,
      object: object.name,
      insert: object.insert,
      update: object.update,
      deferredLookups: facts.deferred,
      selfReferences: facts.selfReferences,
      references,
      cycle,
      reason: stepReason({ manual, cycle, object: object.name, ...facts }),
    });
  });
  return result;
}

function classifyLookup(
  lookup: Lookup,
  ownPosition: number,
  position: ReadonlyMap<string, number>,
  facts: { after: Array<{ field: string; parent: string }>; deferred: string[]; selfReferences: string[] },
  result: BuiltSteps
): void {
  if (lookup.kind === 'updateOnly') {
    if (lookup.parents.length > 0 || lookup.selfReference) facts.deferred.push(lookup.field);
    return;
  }
  const later = lookup.parents.filter((p) => (position.get(p) ?? 0) > ownPosition);
  if (later.length > 0) {
    if (lookup.kind === 'deferrable') facts.deferred.push(lookup.field);
    else {
      for (const parent of later) {
        result.forwardRequired.push({ kind: 'orderForwardRequired', child: lookup.child, field: lookup.field, parent, lookupKind: lookup.kind });
      }
    }
    return;
  }
  for (const parent of lookup.parents) facts.after.push({ field: lookup.field, parent });
  facts.after.sort((a, b) => (position.get(a.parent) ?? 0) - (position.get(b.parent) ?? 0));
  if (lookup.selfReference) facts.selfReferences.push(lookup.field);
}

function reference(lookup: Lookup, describes: DescribeMap, warnings: string[]): ReferenceLookup {
  const resolveBy = lookup.outside.map((name) => referenceResolution(name, describes));
  for (const unresolved of resolveBy.filter((r) => r.matchKeys.length === 0)) {
    warnings.push(
      `${lookup.child}.${lookup.field} can point to ${unresolved.object}, which has no external id or name field to find its records in the target: only records an earlier run synced between these orgs are found (history); other values are left empty. Add ${unresolved.object} to the template to sync them.`
    );
  }
  return { field: lookup.field, targetObjects: lookup.outside, resolveBy };
}
