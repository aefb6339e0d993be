import type { LookupKind, PlanProblem } from './planTypes.js';
import { templateMessage, templateProblem, type TemplateProblem } from '../template/templateProblems.js';

/** The planner's findings as template problems, so they are listed with the others in one error. */
export function planProblemToTemplateProblem(problem: PlanProblem): TemplateProblem {
  if (problem.kind === 'requiredCycle') {
    const lookups = problem.lookups.map((l) => `${l.object}.${l.field} → ${l.parent} (${kindText(l.lookupKind)})`);
    return templateProblem('objects', 'requiredCycle', [problem.objects.join(', '), lookups.join('; ')]);
  }
  const { child, field, parent } = problem;
  return templateProblem(
    'order',
    'orderForwardRequired',
    [child, parent, child, field, kindText(problem.lookupKind), child, parent],
    [parent, child]
  );
}

function kindText(kind: LookupKind): string {
  switch (kind) {
    case 'masterDetail':
      return templateMessage('lookupKind.masterDetail');
    case 'notUpdateable':
      return templateMessage('lookupKind.notUpdateable');
    default:
      return templateMessage('lookupKind.notNillable');
  }
}
