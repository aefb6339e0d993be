/**
 * Salesforce's SOQL error texts, and the query excerpt with a caret that Salesforce puts in front of them
 * (`\n<excerpt>\n<spaces>^\nERROR at Row:R:Column:C\n<text>`), as seen in recorded responses.
 */
import { SoqlError } from './types.js';

type PositionedCode = Exclude<SoqlError['errorCode'], 'NUMBER_OUTSIDE_VALID_RANGE'>;

/** What Salesforce appends to its "unknown name" errors. */
const WSDL_HINT = 'Please reference your WSDL or the describe call for the appropriate names.';

/**
 * How much of a long line Salesforce shows: recorded messages keep the preceding tokens that start at most
 * 42 characters before the error and the offending token plus the four after it (e.g.
 * `SELECT Id, Dispenser__c, Answer__c, Audit_Question__c` for an error at `Dispenser__c`). Short queries
 * therefore appear whole, which is what every recorded fixture shows.
 */
const CHARS_BEFORE = 42;
const TOKENS_AFTER = 4;

/** Tokens for the excerpt only: never fails, whatever the text (an unterminated string is one token). */
const EXCERPT_TOKEN = /'(?:[^'\\]|\\.)*'?|[A-Za-z0-9_]+|<=|>=|!=|<>|\S/g;

/** Row (1-based), column (0-based) of a character offset. */
function rowAndColumn(text: string, offset: number): { row: number; column: number; line: string } {
  const before = text.slice(0, offset);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
  return { row, column: offset - lineStart, line };
}

function excerptAround(line: string, column: number): { excerpt: string; caretColumn: number } {
  const tokens = [...line.matchAll(EXCERPT_TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  if (tokens.length === 0) return { excerpt: '', caretColumn: column };
  let first = tokens.findIndex((t) => t.start >= column - CHARS_BEFORE);
  if (first === -1) first = tokens.length - 1;
  let offending = tokens.findIndex((t) => t.end > column);
  if (offending === -1) offending = tokens.length - 1;
  const last = Math.min(tokens.length - 1, offending + TOKENS_AFTER);
  const start = Math.min(tokens[first].start, column);
  return { excerpt: line.slice(start, tokens[last].end), caretColumn: column - start };
}

/** The `\n<excerpt>\n   ^\nERROR at Row:1:Column:N\n` prefix for an error at `offset` of `soql`. */
export function errorLocationPrefix(soql: string, offset: number, reportedColumn?: number): string {
  const { row, column, line } = rowAndColumn(soql, offset);
  const { excerpt, caretColumn } = excerptAround(line, column);
  return `\n${excerpt}\n${' '.repeat(caretColumn)}^\nERROR at Row:${row}:Column:${reportedColumn ?? column + 1}\n`;
}

/** A SoqlError whose message starts with the located excerpt, as every parse/validation error does. */
export function queryError(code: PositionedCode, soql: string, offset: number, text: string): SoqlError {
  return new SoqlError(code, errorLocationPrefix(soql, offset) + text);
}

export const messages = {
  unexpectedToken: (token: string): string => `unexpected token: '${token}'`,
  unknownObject: (name: string): string =>
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. ${WSDL_HINT}`,
  unknownField: (field: string, objectName: string): string =>
    `No such column '${field}' on entity '${objectName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. ${WSDL_HINT}`,
  unknownRelationship: (relationship: string): string =>
    `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. ${WSDL_HINT}`,
  unknownChildRelationship: (relationship: string): string =>
    `Didn't understand relationship '${relationship}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. ${WSDL_HINT}`,
  /** Seen for API 57.0 and earlier (`1 level`); the 58.0+ wording (`4 levels`) is inferred from it. */
  childNestingTooDeep: (levels: number): string =>
    `SOQL statements cannot query aggregate relationships more than ${levels} level${levels === 1 ? '' : 's'} away from the root entity object.`,
  /** Not confirmed from a recording: the limit (20) is documented, the text is best knowledge. */
  tooManyChildRelationships: (limit: number): string => `SOQL statements cannot query more than ${limit} different child types`,
  wrongLiteralType: (field: string, soapType: string, quoted: boolean): string =>
    `value of filter criterion for field '${field}' must be of type ${soapType} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
  invalidId: (literal: string): string => `invalid ID field: ${literal}`,
  invalidOperator: (fieldKind: string): string => `invalid operator on ${fieldKind} field`,
  notFilterable: (field: string): string => `field '${field}' can not be filtered in query call`,
  notSortable: (field: string): string => `field '${field}' can not be sorted in a query call`,
  notGrouped: (field: string): string => `Field must be grouped or aggregated: ${field}`,
  fieldsNeedsLimit: (): string => 'The SOQL FIELDS function must have a LIMIT of at most 200',
  illegalEscape: (literal: string, sequence: string): string =>
    `Invalid string literal '${literal}'. Illegal character sequence '${sequence}' in string literal.`,
  unsupported: (feature: string): string => `${feature} is not supported by the Salesforce emulator`,
};

/** `OFFSET` above 2,000: Salesforce answers without a query excerpt. */
export function offsetTooLarge(objectName: string): SoqlError {
  return new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed for apiName ${objectName} is 2000`);
}

/**
 * A character the lexer cannot read. Salesforce reports these with its lexer's 0-based column (one less
 * than for other errors) and the caret one place earlier: `line 1:34 no viable alternative at character '$'`.
 */
export function unreadableCharacter(soql: string, offset: number): SoqlError {
  const { row, column } = rowAndColumn(soql, offset);
  const caretOffset = Math.max(0, offset - 1);
  return new SoqlError(
    'MALFORMED_QUERY',
    errorLocationPrefix(soql, caretOffset, column) + `line ${row}:${column} no viable alternative at character '${soql[offset]}'`
  );
}
