/**
 * The field names a validation rule's condition (a SOQL WHERE expression) refers to, so a schema file
 * cannot remove a field a rule still uses: Salesforce refuses to delete a field referenced by a validation
 * rule, and the emulator's rule would otherwise fail at every save.
 */

const KEYWORDS = new Set(['and', 'or', 'not', 'null', 'true', 'false', 'in', 'like', 'includes', 'excludes', 'today', 'yesterday', 'tomorrow']);
/** Relative date literals: LAST_WEEK, THIS_QUARTER, NEXT_N_DAYS... */
const DATE_LITERAL = /^(last|this|next)_/i;

/**
 * Identifiers of the condition, quoted strings excluded; a relationship path (`Parent__r.Name`) gives its
 * first segment with the dot kept (`Parent__r.`), to be matched against relationship names.
 */
export function conditionIdentifiers(condition: string): string[] {
  const withoutStrings = condition.replace(/'(?:\\.|[^'\\])*'/g, "''");
  const identifiers = withoutStrings.match(/(?<![\w.:-])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/g) ?? [];
  return identifiers
    .filter((identifier) => !KEYWORDS.has(identifier.toLowerCase()) && !DATE_LITERAL.test(identifier))
    .map((identifier) => (identifier.includes('.') ? `${identifier.split('.')[0]}.` : identifier));
}

/** Identifiers of the condition that are neither a field nor (followed by a dot) a relationship of the object. */
export function unknownConditionIdentifiers(condition: string, fields: Array<{ name: string; relationshipName: string | null }>): string[] {
  const names = new Set(fields.map((field) => field.name.toLowerCase()));
  const relationships = new Set(fields.filter((field) => field.relationshipName).map((field) => `${field.relationshipName!.toLowerCase()}.`));
  return conditionIdentifiers(condition).filter((identifier) => {
    const key = identifier.toLowerCase();
    return key.endsWith('.') ? !relationships.has(key) : !names.has(key);
  });
}
