import type { Lookup } from './lookups.js';
import { constrainsInsertOrder } from './lookups.js';
import { breakCycles, dependencies, type ComponentLookup } from './breakCycles.js';
import { priorityTopologicalOrder } from './priorityTopologicalOrder.js';
import { stronglyConnectedComponents } from './stronglyConnected.js';
import type { PlanProblem } from './planTypes.js';

/** The graph of template objects: node i is the template's i-th object. */
export type ObjectGraph = {
  names: readonly string[];
  indexOf: ReadonlyMap<string, number>;
  lookups: readonly Lookup[];
};

export type ComputedOrder = {
  /** Node indexes, parents first. */
  order: number[];
  problems: PlanProblem[];
  /** Components (size > 1) whose deferrals were chosen by the greedy fallback. */
  greedyComponents: number[][];
};

/** The strongly connected components of the insert-order constraints, in reverse topological order. */
export function graphComponents(graph: ObjectGraph): number[][] {
  const successors: number[][] = graph.names.map(() => []);
  for (const lookup of graph.lookups.filter(constrainsInsertOrder)) {
    const child = graph.indexOf.get(lookup.child) as number;
    for (const parent of lookup.parents) successors[child].push(graph.indexOf.get(parent) as number);
  }
  return stronglyConnectedComponents(successors);
}

/**
 * Orders the components parents first (ties: earliest template position), and each cycle by deferring the
 * fewest lookups. A cycle of required lookups is reported and its objects kept in template order.
 */
export function computeLoadOrder(graph: ObjectGraph, components: readonly number[][]): ComputedOrder {
  const componentOf = new Array<number>(graph.names.length);
  components.forEach((members, c) => members.forEach((node) => (componentOf[node] = c)));
  const componentDeps: number[][] = components.map(() => []);
  for (const lookup of graph.lookups.filter(constrainsInsertOrder)) {
    const child = componentOf[graph.indexOf.get(lookup.child) as number];
    for (const parent of lookup.parents) {
      const parentComponent = componentOf[graph.indexOf.get(parent) as number];
      if (parentComponent !== child) componentDeps[child].push(parentComponent);
    }
  }
  // Members are sorted, so members[0] is the component's earliest template position.
  const componentOrder = priorityTopologicalOrder(componentDeps, (c) => components[c][0]) as number[];

  const result: ComputedOrder = { order: [], problems: [], greedyComponents: [] };
  for (const c of componentOrder) {
    const members = components[c];
    if (members.length === 1) result.order.push(members[0]);
    else result.order.push(...orderCycle(graph, members, result));
  }
  return result;
}

/**
 * Among equally small deferral sets, the exact search takes the first in this order: custom lookups before
 * standard ones (a standard relationship such as Contact.AccountId is the hierarchy people expect; the custom
 * back-reference such as Account.Primary_Contact__c is the one usually filled later), then template order.
 */
function isStandard(lookup: Lookup): boolean {
  return !lookup.field.endsWith('__c');
}

function orderCycle(graph: ObjectGraph, members: number[], result: ComputedOrder): number[] {
  const local = new Map(members.map((node, i) => [graph.names[node], i]));
  const inCycle = graph.lookups
    .filter((l) => constrainsInsertOrder(l) && local.has(l.child) && l.parents.some((p) => local.has(p)))
    .sort(
      (a, b) =>
        Number(isStandard(a)) - Number(isStandard(b)) ||
        (local.get(a.child) as number) - (local.get(b.child) as number) ||
        a.field.localeCompare(b.field)
    );
  const componentLookups: ComponentLookup[] = inCycle.map((l) => ({
    child: local.get(l.child) as number,
    parents: l.parents.filter((p) => local.has(p)).map((p) => local.get(p) as number),
    deferrable: l.kind === 'deferrable',
  }));
  const priority = (i: number): number => members[i];
  const outcome = breakCycles(members.length, componentLookups, priority);
  if (!outcome.ok) {
    result.problems.push({
      kind: 'requiredCycle',
      objects: members.map((node) => graph.names[node]),
      lookups: outcome.requiredCycle.map((i) => ({
        object: inCycle[i].child,
        field: inCycle[i].field,
        parent: inCycle[i].parents.find((p) => local.has(p)) as string,
        lookupKind: inCycle[i].kind,
      })),
    });
    return members;
  }
  if (outcome.method === 'greedy') result.greedyComponents.push(members);
  const order = priorityTopologicalOrder(dependencies(members.length, componentLookups, outcome.deferred), priority);
  return (order as number[]).map((i) => members[i]);
}
