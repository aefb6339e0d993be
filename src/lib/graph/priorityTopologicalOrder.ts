/**
 * Kahn's topological sort where `dependencies[v]` lists the nodes that must come before v. Among the nodes that
 * are ready, the one with the lowest `priority` goes first, which makes the order deterministic and, for the
 * planner, as close to the template's own order as the dependencies allow.
 *
 * Returns null when the dependencies contain a cycle.
 */
export function priorityTopologicalOrder(
  dependencies: ReadonlyArray<readonly number[]>,
  priority: (node: number) => number
): number[] | null {
  const count = dependencies.length;
  const remaining = dependencies.map((deps) => new Set(deps).size);
  const dependents: number[][] = Array.from({ length: count }, () => []);
  dependencies.forEach((deps, node) => {
    for (const dep of new Set(deps)) dependents[dep].push(node);
  });
  const ready = new Set<number>();
  remaining.forEach((n, node) => n === 0 && ready.add(node));

  const order: number[] = [];
  while (ready.size > 0) {
    let best = -1;
    for (const node of ready) if (best === -1 || priority(node) < priority(best)) best = node;
    ready.delete(best);
    order.push(best);
    for (const dependent of dependents[best]) if (--remaining[dependent] === 0) ready.add(dependent);
  }
  return order.length === count ? order : null;
}
