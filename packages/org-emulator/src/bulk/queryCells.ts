/**
 * Query rows (REST shape) to Bulk CSV cells, one per selected column path (`Account.Name` walks the parent
 * object). Bulk CSV writes null as an empty cell, booleans as `true`/`false`, and datetimes in UTC with `Z`
 * where REST JSON writes `+0000`.
 */
const REST_DATETIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})\+0000$/;

function valueAt(record: Record<string, unknown>, path: string): unknown {
  let current: unknown = record;
  for (const step of path.split('.')) {
    if (typeof current !== 'object' || current === null) return null;
    const container = current as Record<string, unknown>;
    const key = step in container ? step : Object.keys(container).find((k) => k.toLowerCase() === step.toLowerCase());
    current = key === undefined ? null : container[key];
  }
  return current;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(REST_DATETIME, '$1Z');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function queryRowCells(record: Record<string, unknown>, columns: string[]): string[] {
  return columns.map((column) => cellText(valueAt(record, column)));
}

/** The SELECT list of a query: the text before its top-level FROM (parentheses and strings skipped). */
export function selectList(soql: string): string {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < soql.length; i++) {
    const char = soql[i];
    if (quoted) {
      if (char === '\\') i++;
      else if (char === "'") quoted = false;
    } else if (char === "'") quoted = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0 && /^from\b/i.test(soql.slice(i)) && /\s/.test(soql[i - 1] ?? ' ')) return soql.slice(0, i);
  }
  return soql;
}

/** Parent-to-child subqueries (`(SELECT … FROM Contacts)` in the SELECT list), which Bulk 2.0 refuses. */
export function hasChildSubquery(soql: string): boolean {
  return /\(\s*select\b/i.test(selectList(soql));
}
