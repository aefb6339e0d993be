/**
 * How long a chain of objects waits on each object: 1 for an object nothing waits for, else 1 + the longest
 * chain among the objects that wait for it. When the org is the bottleneck, sending the writes of the
 * objects with the longest chains first shortens the run (critical-path scheduling); leaves such as Lead can
 * fill the gaps. `dependencies` maps each object to the objects it waits for.
 */
export function chainLengths(dependencies: ReadonlyMap<string, ReadonlySet<string>>): Map<string, number> {
  const waiters = new Map<string, string[]>();
  for (const [object, parents] of dependencies) {
    for (const parent of parents) waiters.set(parent, [...(waiters.get(parent) ?? []), object]);
  }
  const lengths = new Map<string, number>();
  const visiting = new Set<string>();
  const lengthOf = (object: string): number => {
    const known = lengths.get(object);
    if (known !== undefined) return known;
    // Dependencies between objects form no cycle (the plan defers a lookup of each cycle); guard anyway.
    if (visiting.has(object)) return 0;
    visiting.add(object);
    const length = 1 + Math.max(0, ...(waiters.get(object) ?? []).map(lengthOf));
    visiting.delete(object);
    lengths.set(object, length);
    return length;
  };
  for (const object of dependencies.keys()) lengthOf(object);
  return lengths;
}
