/**
 * The SOQL text a template's clauses become, made from the template alone: the template check sends exactly
 * this (so a clause that passes the check is the clause the sync sends), and the engine builds its source and
 * count queries around it (load/sourceQuery.ts).
 */
/**
 * The template's `where` as every query sends it: in parentheses, because the engine ANDs its own filters
 * (load phase, ids, keyset) to it. A clause holds only a condition, then: `Name != null LIMIT 1` is refused
 * inside them, although it passes as the end of a bare `WHERE`.
 */
export function templateFilter(where: string): string {
  return `(${where})`;
}

/** How a source query read through one cursor ends: the template's `orderBy`, then its `limit`. */
export function templateOrdering(orderBy: string | undefined, limit: number | undefined): string {
  return `${orderBy ? ` ORDER BY ${orderBy}` : ''}${limit !== undefined ? ` LIMIT ${limit}` : ''}`;
}

/**
 * The count query of an object and its filter, as the engine's source query filters it. Also made from the template
 * alone, before the object's describe is in (see readsAhead): the same object and filter give the same text.
 */
export function countQuery(objectName: string, where?: string, ...filters: string[]): string {
  const all = [where ? templateFilter(where) : '', ...filters].filter(Boolean);
  return `SELECT COUNT() FROM ${objectName}${all.length > 0 ? ` WHERE ${all.join(' AND ')}` : ''}`;
}
