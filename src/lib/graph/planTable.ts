import type { PlanStep, ReferenceLookup } from './planTypes.js';

/** One row of the plan as a table (`sf isync order`): a step flattened to text. Oclif-free, so any renderer can use it. */
export type OrderRow = {
  step: number;
  object: string;
  operation: string;
  /** How records are found in the target (template/matchMode.ts matchText), filled by the caller. */
  match: string;
  deferred: string;
  levelByLevel: string;
  references: string;
  cycle: string;
  reason: string;
};

export const ORDER_COLUMNS = [
  { key: 'step', name: 'Step' },
  { key: 'object', name: 'Object' },
  { key: 'operation', name: 'Operation' },
  { key: 'match', name: 'Match By' },
  { key: 'deferred', name: 'Deferred Lookups' },
  { key: 'levelByLevel', name: 'Level By Level' },
  { key: 'references', name: 'Resolved In Target' },
  { key: 'cycle', name: 'Cycle' },
  { key: 'reason', name: 'Why Here' },
] as const;

export function orderRow(step: PlanStep, matchOnlyLabel: string, match = ''): OrderRow {
  const operations = [step.insert ? 'insert' : '', step.update ? 'update' : ''].filter(Boolean);
  return {
    step: step.step,
    object: step.object,
    operation: operations.length > 0 ? operations.join(', ') : matchOnlyLabel,
    match,
    deferred: step.deferredLookups.join(', '),
    levelByLevel: step.selfReferences.join(', '),
    references: step.references.map(referenceText).join('; '),
    cycle: step.cycle ? step.cycle.join(', ') : '',
    reason: step.reason,
  };
}

/** `OwnerId → User (Username | Email), Group (DeveloperName)`. */
function referenceText(reference: ReferenceLookup): string {
  const targets = reference.resolveBy.map(
    (r) => `${r.object} (${r.matchKeys.length > 0 ? r.matchKeys.map((key) => key.join('+')).join(' | ') : 'unresolved'})`
  );
  return `${reference.field} → ${targets.join(', ')}`;
}
