/**
 * SOQL lexer: turns query text into tokens with their offsets (for Salesforce's `ERROR at Row:1:Column:N`).
 * Keywords are not distinguished from names here: SOQL keywords are case-insensitive identifiers, and
 * whether one is a keyword depends on where it stands, which is the parser's business.
 */
import { messages, queryError, unreadableCharacter } from './errors.js';

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';

export type Token = {
  kind: TokenKind;
  /** Source text of the token ('<EOF>' for the end). */
  text: string;
  /** Decoded value of a string literal (escapes resolved); the text otherwise. */
  value: string;
  start: number;
};

const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![\dT])/y;
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPERATOR = /<=|>=|!=|<>|=|<|>/y;
const WHITESPACE = /\s+/y;
const PUNCTUATION = new Set(['(', ')', ',', '.', ':']);

/**
 * SOQL string escapes. `\%` and `\_` stay escaped: they only mean something to LIKE, which reads them as a
 * literal percent sign or underscore.
 */
const ESCAPES: Record<string, string> = {
  n: '\n',
  N: '\n',
  t: '\t',
  T: '\t',
  r: '\r',
  R: '\r',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
  '%': '\\%',
  _: '\\_',
};

function matchAt(pattern: RegExp, text: string, offset: number): string | undefined {
  pattern.lastIndex = offset;
  return pattern.exec(text)?.[0];
}

/** Reads the string literal starting at `offset` (on its opening quote); returns its text and value. */
function readString(soql: string, offset: number): { text: string; value: string } {
  let value = '';
  let i = offset + 1;
  while (i < soql.length) {
    const ch = soql[i];
    if (ch === "'") return { text: soql.slice(offset, i + 1), value };
    if (ch === '\\') {
      const next = soql[i + 1] ?? '';
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(soql.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(soql.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      const decoded = ESCAPES[next];
      if (decoded === undefined) {
        const end = soql.indexOf("'", i + 2);
        const literal = soql.slice(offset + 1, end === -1 ? soql.length : end);
        throw queryError('MALFORMED_QUERY', soql, offset, messages.illegalEscape(literal, `\\${next}`));
      }
      value += decoded;
      i += 2;
      continue;
    }
    value += ch;
    i += 1;
  }
  // Salesforce reports an unterminated literal as an unexpected token at its opening quote.
  throw queryError('MALFORMED_QUERY', soql, offset, messages.unexpectedToken(soql.slice(offset)));
}

export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  const push = (kind: TokenKind, text: string, value = text): void => {
    tokens.push({ kind, text, value, start: offset });
    offset += text.length;
  };
  while (offset < soql.length) {
    const space = matchAt(WHITESPACE, soql, offset);
    if (space) {
      offset += space.length;
      continue;
    }
    const ch = soql[offset];
    if (ch === "'") {
      const { text, value } = readString(soql, offset);
      push('string', text, value);
      continue;
    }
    const datetime = matchAt(DATETIME, soql, offset);
    if (datetime) {
      push('datetime', datetime);
      continue;
    }
    const date = matchAt(DATE, soql, offset);
    if (date) {
      push('date', date);
      continue;
    }
    const number = matchAt(NUMBER, soql, offset);
    if (number) {
      push('number', number);
      continue;
    }
    const ident = matchAt(IDENT, soql, offset);
    if (ident) {
      push('ident', ident);
      continue;
    }
    const operator = matchAt(OPERATOR, soql, offset);
    if (operator) {
      push('op', operator);
      continue;
    }
    if (PUNCTUATION.has(ch)) {
      push('punct', ch);
      continue;
    }
    throw unreadableCharacter(soql, offset);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', value: '', start: soql.length });
  return tokens;
}
