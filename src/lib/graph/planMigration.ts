import type { DescribeMap } from '../schema/describeSource.js';
import type { SyncTemplate } from '../template/syncTemplate.js';
import { buildSteps } from './buildSteps.js';
import { collectLookups } from './lookups.js';
import { computeLoadOrder, graphComponents, type ObjectGraph } from './loadOrder.js';
import type { PlanOutcome } from './planTypes.js';

export type PlanInput = {
  /** The validated template; `order`, when set, names every object exactly once. */
  template: SyncTemplate;
  /** Source describes of the template's objects, plus any referenced objects (to find their match keys). */
  source: DescribeMap;
  /** Target describes of the template's objects, when a target org is known. */
  target?: DescribeMap;
};

/**
 * Plans a migration: pure, describes in, plan out.
 *
 * Edges are the synced lookups between template objects, taken from the source describe (the data being moved
 * is shaped by the source). Objects are ordered parents first by strongly connected components, each cycle
 * broken by deferring the fewest nillable lookups; ties follow the template's order. A manual order is used as
 * given, deferring the nillable lookups that point forward and reporting the required ones that do.
 */
export function planMigration(input: PlanInput): PlanOutcome {
  const { template } = input;
  const names = template.objects.map((o) => o.name);
  const graph: ObjectGraph = {
    names,
    indexOf: new Map(names.map((name, i) => [name, i])),
    lookups: collectLookups(template, input.source, input.target),
  };
  const components = graphComponents(graph);

  if (template.order) {
    const order = template.order.map((name) => graph.indexOf.get(name) as number);
    const built = buildSteps(order, graph, components, template, input.source, true);
    return {
      plan: { ordering: 'manual', steps: built.steps, warnings: built.warnings },
      problems: built.forwardRequired,
    };
  }

  const computed = computeLoadOrder(graph, components);
  const built = buildSteps(computed.order, graph, components, template, input.source, false);
  const greedyWarnings = computed.greedyComponents.map(
    (members) =>
      `The cycle ${members.map((n) => names[n]).join(', ')} is too large for an exact search: its deferred lookups were chosen by a greedy heuristic and may not be the fewest possible.`
  );
  return {
    plan: { ordering: 'computed', steps: built.steps, warnings: [...greedyWarnings, ...built.warnings] },
    // Forward required lookups can only come from an unbreakable cycle, which is already reported.
    problems: computed.problems,
  };
}
