import { stronglyConnectedComponents } from './stronglyConnected.js';

/** A lookup inside one strongly connected component, with nodes numbered 0..n-1 within the component. */
export type ComponentLookup = {
  child: number;
  parents: number[];
  deferrable: boolean;
};

export type CycleBreak =
  | { ok: true; deferred: Set<number>; method: 'exact' | 'greedy' }
  /** Indexes of the required lookups that form cycles on their own. */
  | { ok: false; requiredCycle: number[] };

/**
 * Limits of the exact search. Cycles in real schemas involve a handful of objects and lookups (a few hundred
 * checks at most); beyond these bounds, or when the search exceeds the budget, the greedy order is used so that
 * a pathological template still plans in milliseconds.
 */
export const EXACT_SEARCH_LIMITS = { maxObjects: 16, maxCandidates: 24, budget: 20_000 };

/**
 * Chooses the smallest set of deferrable lookups whose removal makes the component acyclic.
 *
 * Exact search: subsets by increasing size, in the order of `lookups` (the caller sorts them by template
 * order), so the first hit is minimal and deterministic. Minimum feedback arc set is NP-hard, so above
 * `EXACT_SEARCH_LIMITS` a greedy order is used instead: repeatedly place the ready object (all required parents
 * placed) that would defer the fewest lookups, and defer the lookups that point forward.
 */
export function breakCycles(
  nodeCount: number,
  lookups: readonly ComponentLookup[],
  priority: (node: number) => number,
  limits = EXACT_SEARCH_LIMITS
): CycleBreak {
  const required = lookups.map((_, i) => i).filter((i) => !lookups[i].deferrable);
  const requiredCycle = cyclicLookups(nodeCount, lookups, required);
  if (requiredCycle.length > 0) return { ok: false, requiredCycle };

  const candidates = lookups.map((_, i) => i).filter((i) => lookups[i].deferrable);
  const greedy = (): CycleBreak => ({ ok: true, deferred: greedyDeferrals(nodeCount, lookups, priority), method: 'greedy' });
  if (nodeCount > limits.maxObjects || candidates.length > limits.maxCandidates) return greedy();

  let checks = 0;
  for (let size = 0; size <= candidates.length; size++) {
    for (const combination of combinations(candidates, size)) {
      if (++checks > limits.budget) return greedy();
      const deferred = new Set(combination);
      if (isAcyclic(dependencies(nodeCount, lookups, deferred))) return { ok: true, deferred, method: 'exact' };
    }
  }
  // Unreachable: deferring every deferrable lookup leaves only the required ones, which are acyclic.
  return { ok: true, deferred: new Set(candidates), method: 'exact' };
}

/** Plain Kahn, O(nodes + edges): the exact search runs it thousands of times. */
function isAcyclic(deps: ReadonlyArray<readonly number[]>): boolean {
  const remaining = deps.map((d) => d.length);
  const dependents: number[][] = deps.map(() => []);
  deps.forEach((d, node) => d.forEach((dep) => dependents[dep].push(node)));
  const ready = remaining.flatMap((n, node) => (n === 0 ? [node] : []));
  let placed = 0;
  while (ready.length > 0) {
    const node = ready.pop() as number;
    placed++;
    for (const dependent of dependents[node]) if (--remaining[dependent] === 0) ready.push(dependent);
  }
  return placed === deps.length;
}

/** For each node, the nodes it depends on through lookups that are not deferred. */
export function dependencies(
  nodeCount: number,
  lookups: readonly ComponentLookup[],
  deferred: ReadonlySet<number>
): number[][] {
  const deps: number[][] = Array.from({ length: nodeCount }, () => []);
  lookups.forEach((lookup, i) => {
    if (!deferred.has(i)) deps[lookup.child].push(...lookup.parents);
  });
  return deps;
}

/** The lookups (among `subset`) that lie on a cycle made of `subset` lookups only. */
function cyclicLookups(nodeCount: number, lookups: readonly ComponentLookup[], subset: number[]): number[] {
  const successors: number[][] = Array.from({ length: nodeCount }, () => []);
  for (const i of subset) successors[lookups[i].child].push(...lookups[i].parents);
  const componentOf = new Array<number>(nodeCount);
  stronglyConnectedComponents(successors).forEach((members, c) => {
    for (const node of members) componentOf[node] = members.length > 1 ? c : -1 - node;
  });
  return subset.filter((i) => lookups[i].parents.some((p) => componentOf[p] === componentOf[lookups[i].child]));
}

/** Greedy fallback: see `breakCycles`. Always succeeds because the required lookups alone are acyclic. */
function greedyDeferrals(
  nodeCount: number,
  lookups: readonly ComponentLookup[],
  priority: (node: number) => number
): Set<number> {
  const placed = new Array<boolean>(nodeCount).fill(false);
  const deferred = new Set<number>();
  const own: number[][] = Array.from({ length: nodeCount }, () => []);
  lookups.forEach((lookup, i) => own[lookup.child].push(i));
  const pointsForward = (i: number): boolean => lookups[i].parents.some((p) => !placed[p]);
  for (let round = 0; round < nodeCount; round++) {
    let best = -1;
    let bestCost = Infinity;
    for (let node = 0; node < nodeCount; node++) {
      if (placed[node]) continue;
      const forward = own[node].filter(pointsForward);
      if (forward.some((i) => !lookups[i].deferrable)) continue;
      if (forward.length < bestCost || (forward.length === bestCost && priority(node) < priority(best))) {
        best = node;
        bestCost = forward.length;
      }
    }
    for (const i of own[best].filter(pointsForward)) deferred.add(i);
    placed[best] = true;
  }
  return deferred;
}

/** The `size`-element subsets of `items`, in lexicographic order of positions. */
export function* combinations<T>(items: readonly T[], size: number): Generator<T[]> {
  const positions = Array.from({ length: size }, (_, i) => i);
  if (size > items.length) return;
  while (true) {
    yield positions.map((p) => items[p]);
    let i = size - 1;
    while (i >= 0 && positions[i] === items.length - size + i) i--;
    if (i < 0) return;
    positions[i]++;
    for (let j = i + 1; j < size; j++) positions[j] = positions[j - 1] + 1;
  }
}
