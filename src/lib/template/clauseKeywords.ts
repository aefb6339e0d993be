import { templateMessage, type TemplateProblem } from './templateProblems.js';

export type ClauseProperty = 'where' | 'orderBy';

/** SOQL keywords that start a clause of their own, and the template property that holds that clause, if any. */
const KEYWORDS: ReadonlyArray<{ pattern: RegExp; property?: 'where' | 'orderBy' | 'limit' }> = [
  { pattern: /\bWHERE\b/gi, property: 'where' },
  { pattern: /\bORDER\s+BY\b/gi, property: 'orderBy' },
  // LIMIT, OFFSET and WITH only where their clause follows (a number, a mode), not a field that happens to be called so.
  { pattern: /\bLIMIT(?=\s+\d)/gi, property: 'limit' },
  { pattern: /\bOFFSET(?=\s+\d)/gi },
  { pattern: /\bGROUP\s+BY\b/gi },
  { pattern: /\bHAVING\b/gi },
  { pattern: /\bWITH(?=\s+(?:SECURITY_ENFORCED|USER_MODE|SYSTEM_MODE|DATA\s+CATEGORY)\b)/gi },
  { pattern: /\bFOR\s+(?:VIEW|UPDATE|REFERENCE)\b/gi },
];

type Segment = { index: number; keyword: string; property?: 'where' | 'orderBy' | 'limit'; text: string };

/**
 * A `where` or `orderBy` that carries another clause of the query (`Name != null LIMIT 1`, `... ORDER BY
 * Name`) or its own keywords (`WHERE ...`, `ORDER BY Name`), as a problem whose fix spells out the template
 * properties to write instead. Only keywords outside string literals and parentheses count: a sub-query may
 * have its own. Undefined when the clause holds only what its property is for: the org then checks it.
 */
export function clauseKeywordProblem(location: string, property: ClauseProperty, clause: string, sentAs: string): TemplateProblem | undefined {
  const segments = segmentsOf(clause);
  const startsWithOwnKeyword = segments.length > 0 && segments[0].property === property && clause.slice(0, segments[0].index).trim() === '';
  const own = startsWithOwnKeyword ? segments.shift() : undefined;
  if (!own && segments.length === 0) return undefined;
  const kept = own ? own.text : clause.slice(0, segments[0].index).trim();
  const settings = kept ? [`"${property}": ${JSON.stringify(kept)}`] : [];
  const unsupported: string[] = [];
  for (const segment of segments) {
    if (segment.property === 'limit' && /^\d+$/.test(segment.text)) settings.push(`"limit": ${segment.text}`);
    else if (segment.property && segment.property !== 'limit' && segment.property !== property) settings.push(`"${segment.property}": ${JSON.stringify(segment.text)}`);
    else unsupported.push(`${segment.keyword} ${segment.text}`.trim());
  }
  const found = [own, ...segments].flatMap((segment) => (segment ? [segment.keyword] : []));
  const fixes = [
    ...(settings.length > 0 ? [templateMessage('clauseKeyword.fix', [settings.join(', ')])] : []),
    ...(unsupported.length > 0 ? [templateMessage('clauseKeyword.unsupported', [unsupported.join(', ')])] : []),
  ];
  return { location, what: templateMessage(`clauseKeyword.${property}`, [clause, found.join(', '), sentAs]), fix: fixes.join(' ') };
}

/** The clause cut at each top-level keyword: the keyword as written and the text up to the next one. */
function segmentsOf(clause: string): Segment[] {
  const visible = topLevel(clause);
  const hits = KEYWORDS.flatMap(({ pattern, property }) =>
    [...visible.matchAll(pattern)].map((match) => ({ index: match.index, keyword: clause.slice(match.index, match.index + match[0].length), property }))
  ).sort((a, b) => a.index - b.index);
  return hits.map((hit, i) => ({
    ...hit,
    text: clause.slice(hit.index + hit.keyword.length, hits[i + 1]?.index ?? clause.length).trim(),
  }));
}

/** The clause with string literals and parenthesised parts blanked out (same length, so positions hold). */
function topLevel(clause: string): string {
  let depth = 0;
  let quoted = false;
  let out = '';
  for (let i = 0; i < clause.length; i++) {
    const char = clause[i];
    if (quoted) {
      if (char === '\\' && i + 1 < clause.length) {
        out += '  ';
        i++;
        continue;
      }
      if (char === "'") quoted = false;
      out += ' ';
    } else if (char === "'") {
      quoted = true;
      out += ' ';
    } else if (char === '(') {
      depth++;
      out += ' ';
    } else if (char === ')') {
      depth = Math.max(0, depth - 1);
      out += ' ';
    } else {
      out += depth > 0 ? ' ' : char;
    }
  }
  return out;
}
