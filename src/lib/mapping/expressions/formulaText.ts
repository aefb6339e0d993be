/**
 * Positions in an expression's text, for template problems. formulon's tree carries no positions, so a
 * problem about a field or a function points at the first place its name appears (outside string literals).
 */

/** 1-based line and column, and the 0-based offset, of a place in the expression. */
export type ExpressionPosition = { offset: number; line: number; column: number };

export function positionAt(text: string, offset: number): ExpressionPosition {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { offset, line: before.split('\n').length, column: offset - lineStart + 1 };
}

const NAME_START = /[A-Za-z_$]/;
const NAME_PART = /[\w.$]/;

/** The offset just past a string literal that opens at `start` ('...' or "...", backslash escapes). */
function endOfString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/**
 * The offset of the first name token equal to `name` (case-insensitive, as Salesforce names are), followed by
 * `(` when `asCall`; undefined when it is not found.
 */
export function findName(text: string, name: string, asCall: boolean): number | undefined {
  const wanted = name.toLowerCase();
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === "'" || char === '"') {
      i = endOfString(text, i);
    } else if (NAME_START.test(char) && (i === 0 || !NAME_PART.test(text[i - 1]))) {
      let end = i + 1;
      while (end < text.length && NAME_PART.test(text[end])) end++;
      const isCall = /^\s*\(/.test(text.slice(end));
      if (text.slice(i, end).toLowerCase() === wanted && isCall === asCall) return i;
      i = end;
    } else {
      i++;
    }
  }
  return undefined;
}
