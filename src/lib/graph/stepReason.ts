/** The facts that place an object at its step, turned into the short "why" shown by `sf isync order`. */
export type StepFacts = {
  manual: boolean;
  /** Lookups set on insert, with the template object each one waits for. */
  after: Array<{ field: string; parent: string }>;
  deferred: string[];
  selfReferences: string[];
  cycle: string[] | null;
  object: string;
};

export function stepReason(facts: StepFacts): string {
  const parts: string[] = [];
  if (facts.manual) parts.push("placed by the template's order");
  if (facts.after.length > 0) {
    parts.push(`after ${facts.after.map((a) => `${a.parent} (${a.field})`).join(', ')}`);
  }
  if (facts.cycle) {
    const others = facts.cycle.filter((name) => name !== facts.object).join(', ');
    parts.push(
      facts.deferred.length > 0
        ? `in a cycle with ${others}: ${facts.deferred.join(', ')} filled by the update pass`
        : `in a cycle with ${others}`
    );
  } else if (facts.deferred.length > 0) {
    parts.push(`${facts.deferred.join(', ')} filled by the update pass`);
  }
  if (facts.selfReferences.length > 0) {
    parts.push(`${facts.selfReferences.join(', ')} loaded level by level, parents first`);
  }
  if (parts.length === 0) parts.push('no lookups to other objects of the template; kept in template order');
  return parts.join('; ');
}
