/**
 * Tarjan's strongly connected components, iterative (an explicit stack instead of recursion) so that long
 * chains of objects cannot overflow the call stack.
 *
 * `successors[v]` lists the nodes v has an edge to. Components come out in reverse topological order of the
 * condensation (a component is emitted after every component it reaches); nodes inside a component are sorted.
 */
export function stronglyConnectedComponents(successors: ReadonlyArray<readonly number[]>): number[][] {
  const count = successors.length;
  const index = new Array<number>(count).fill(-1);
  const lowLink = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let nextIndex = 0;

  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    // Each frame is a node and how many of its successors have been visited so far.
    const frames: Array<{ node: number; next: number }> = [{ node: root, next: 0 }];
    index[root] = lowLink[root] = nextIndex++;
    stack.push(root);
    onStack[root] = true;

    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const { node } = frame;
      if (frame.next < successors[node].length) {
        const successor = successors[node][frame.next++];
        if (index[successor] === -1) {
          index[successor] = lowLink[successor] = nextIndex++;
          stack.push(successor);
          onStack[successor] = true;
          frames.push({ node: successor, next: 0 });
        } else if (onStack[successor]) {
          lowLink[node] = Math.min(lowLink[node], index[successor]);
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].node;
        lowLink[parent] = Math.min(lowLink[parent], lowLink[node]);
      }
      if (lowLink[node] === index[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = false;
          component.push(member);
        } while (member !== node);
        components.push(component.sort((a, b) => a - b));
      }
    }
  }
  return components;
}
