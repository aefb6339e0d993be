/**
 * Recursive-descent SOQL parser producing the tree in ast.ts. It checks syntax only; names are resolved
 * against the schema by resolver.ts. Syntax errors are MALFORMED_QUERY `unexpected token: 'X'` at the
 * offending token, as Salesforce reports them.
 */
import type { ComparisonOperator, Condition, FieldPath, Literal, OrderItem, SelectItem, SoqlQuery } from './ast.js';
import { isDateFunctionName, takesDayCount } from './dateLiterals.js';
import { messages, queryError } from './errors.js';
import { tokenize, type Token } from './lexer.js';
import { SoqlError } from './types.js';

/** Words that end a field list or a FROM clause, so they can never be an alias. */
const CLAUSE_WORDS = new Set(['FROM', 'WHERE', 'ORDER', 'LIMIT', 'OFFSET', 'GROUP', 'HAVING', 'WITH', 'FOR', 'USING']);

/** Words that cannot start a field path (ORDER can: it is also a relationship name, as OrderItem.Order). */
const RESERVED = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'NULL', 'TRUE', 'FALSE']);

/** Valid SOQL the emulator does not implement: reported plainly rather than as a bogus syntax error. */
const UNSUPPORTED_CLAUSES: Record<string, string> = {
  GROUP: 'GROUP BY',
  HAVING: 'HAVING',
  WITH: 'WITH',
  FOR: 'FOR VIEW/REFERENCE/UPDATE',
  USING: 'USING SCOPE',
};

const COMPARISON_OPERATORS: Record<string, ComparisonOperator> = {
  '=': '=',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

class Parser {
  private readonly tokens: Token[];
  private position = 0;

  public constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  public query(): SoqlQuery {
    const query = this.selectStatement();
    this.expectEnd();
    return query;
  }

  public conditionOnly(): Condition {
    const condition = this.condition();
    this.expectEnd();
    return condition;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.position += 1;
    return token;
  }

  private isWord(token: Token, word: string): boolean {
    return token.kind === 'ident' && token.text.toUpperCase() === word;
  }

  private isPunct(token: Token, ch: string): boolean {
    return token.kind === 'punct' && token.text === ch;
  }

  private acceptWord(word: string): boolean {
    if (!this.isWord(this.peek(), word)) return false;
    this.position += 1;
    return true;
  }

  private unexpected(token: Token = this.peek()): SoqlError {
    if (token.kind === 'punct' && token.text === ':') {
      return queryError('MALFORMED_QUERY', this.text, token.start, 'Bind variables only allowed in Apex code');
    }
    return queryError('MALFORMED_QUERY', this.text, token.start, messages.unexpectedToken(token.text));
  }

  private unsupported(token: Token, feature: string): SoqlError {
    return queryError('MALFORMED_QUERY', this.text, token.start, messages.unsupported(feature));
  }

  private expectWord(word: string): Token {
    const token = this.peek();
    if (!this.isWord(token, word)) throw this.unexpected(token);
    return this.next();
  }

  private expectPunct(ch: string): void {
    if (!this.isPunct(this.peek(), ch)) throw this.unexpected();
    this.position += 1;
  }

  private expectEnd(): void {
    const token = this.peek();
    if (token.kind === 'eof') return;
    const clause = token.kind === 'ident' ? UNSUPPORTED_CLAUSES[token.text.toUpperCase()] : undefined;
    throw clause ? this.unsupported(token, clause) : this.unexpected(token);
  }

  /** `childRelationship`: a parent-to-child subquery, whose FROM may name the parent first (`Account.Notes`). */
  private selectStatement(childRelationship = false): SoqlQuery {
    this.expectWord('SELECT');
    const select = this.selectList();
    this.expectWord('FROM');
    let fromToken = this.next();
    if (fromToken.kind !== 'ident') throw this.unexpected(fromToken);
    let qualifier: string | undefined;
    if (childRelationship && this.isPunct(this.peek(), '.')) {
      this.position += 1;
      qualifier = fromToken.text;
      fromToken = this.next();
      if (fromToken.kind !== 'ident') throw this.unexpected(fromToken);
    }
    const from: SoqlQuery['from'] = { name: fromToken.text, start: fromToken.start };
    if (qualifier) from.qualifier = qualifier;
    const aliasToken = this.peek();
    if (aliasToken.kind === 'ident' && !CLAUSE_WORDS.has(aliasToken.text.toUpperCase())) {
      from.alias = this.next().text;
    }
    const where = this.acceptWord('WHERE') ? this.condition() : undefined;
    const orderBy = this.orderBy();
    const limit = this.acceptWord('LIMIT') ? this.wholeNumber() : undefined;
    const offset = this.acceptWord('OFFSET') ? this.wholeNumber() : undefined;
    return { select, from, where, orderBy, limit, offset, text: this.text };
  }

  private selectList(): SelectItem[] {
    const items: SelectItem[] = [this.selectItem()];
    while (this.isPunct(this.peek(), ',')) {
      this.position += 1;
      items.push(this.selectItem());
    }
    return items;
  }

  private selectItem(): SelectItem {
    const token = this.peek();
    if (this.isPunct(token, '(')) return this.childSubquery();
    if (token.kind !== 'ident') throw this.unexpected(token);
    const word = token.text.toUpperCase();
    if (word === 'TYPEOF') throw this.unsupported(token, 'TYPEOF');
    if (!this.isPunct(this.peek(1), '(')) return { kind: 'field', path: this.path() };
    if (word === 'COUNT') return this.countItem();
    if (word === 'FIELDS') return this.fieldsItem();
    throw this.unsupported(token, `The function ${token.text}()`);
  }

  /** `(SELECT ... FROM Contacts ...)` in a select list; names and limits are checked when it is planned. */
  private childSubquery(): SelectItem {
    const start = this.next().start;
    if (!this.isWord(this.peek(), 'SELECT')) throw this.unexpected();
    const query = this.selectStatement(true);
    this.expectPunct(')');
    return { kind: 'subquery', query, start };
  }

  private countItem(): SelectItem {
    const start = this.next().start;
    this.expectPunct('(');
    const path = this.isPunct(this.peek(), ')') ? undefined : this.path();
    this.expectPunct(')');
    const aliasToken = this.peek();
    const hasAlias = aliasToken.kind === 'ident' && !CLAUSE_WORDS.has(aliasToken.text.toUpperCase());
    if (hasAlias && !path) throw this.unexpected(aliasToken);
    return { kind: 'count', path, alias: hasAlias ? this.next().text : undefined, start };
  }

  private fieldsItem(): SelectItem {
    const start = this.next().start;
    this.expectPunct('(');
    const scopeToken = this.next();
    const scope = scopeToken.text.toUpperCase();
    if (scopeToken.kind !== 'ident' || (scope !== 'ALL' && scope !== 'STANDARD' && scope !== 'CUSTOM')) {
      throw this.unexpected(scopeToken);
    }
    this.expectPunct(')');
    return { kind: 'fields', scope, start };
  }

  private path(): FieldPath {
    const first = this.next();
    if (first.kind !== 'ident' || RESERVED.has(first.text.toUpperCase())) throw this.unexpected(first);
    const segments = [first.text];
    while (this.isPunct(this.peek(), '.')) {
      this.position += 1;
      const segment = this.next();
      if (segment.kind !== 'ident') throw this.unexpected(segment);
      segments.push(segment.text);
    }
    return { segments, start: first.start };
  }

  /**
   * A condition: one chain of operands joined by a single kind of operator. SOQL rejects `a AND b OR c`
   * without parentheses, reporting the second operator as unexpected.
   */
  private condition(): Condition {
    const first = this.unary();
    const joiner = this.peek();
    const kind = this.isWord(joiner, 'AND') ? 'and' : this.isWord(joiner, 'OR') ? 'or' : undefined;
    if (!kind) return first;
    const operands = [first];
    while (this.acceptWord(kind.toUpperCase())) operands.push(this.unary());
    const other = kind === 'and' ? 'OR' : 'AND';
    if (this.isWord(this.peek(), other)) throw this.unexpected();
    return { kind, operands };
  }

  private unary(): Condition {
    if (this.acceptWord('NOT')) return { kind: 'not', operand: this.unary() };
    if (this.isPunct(this.peek(), '(')) {
      this.position += 1;
      const inner = this.condition();
      this.expectPunct(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const path = this.path();
    const operatorToken = this.peek();
    const operatorStart = operatorToken.start;
    if (operatorToken.kind === 'op') {
      this.position += 1;
      return { kind: 'compare', path, operator: COMPARISON_OPERATORS[operatorToken.text], value: this.literal(), operatorStart };
    }
    if (this.acceptWord('LIKE')) return { kind: 'compare', path, operator: 'LIKE', value: this.literal(), operatorStart };
    const negated = this.isWord(operatorToken, 'NOT') && this.isWord(this.peek(1), 'IN');
    if (negated) this.position += 1;
    if (this.acceptWord('IN')) return this.inList(path, negated, operatorStart);
    if (this.isWord(operatorToken, 'INCLUDES') || this.isWord(operatorToken, 'EXCLUDES')) {
      throw this.unsupported(operatorToken, operatorToken.text.toUpperCase());
    }
    throw this.unexpected(operatorToken);
  }

  private inList(path: FieldPath, negated: boolean, operatorStart: number): Condition {
    this.expectPunct('(');
    if (this.isWord(this.peek(), 'SELECT')) {
      const query = this.selectStatement();
      this.expectPunct(')');
      return { kind: 'semiJoin', path, negated, query, operatorStart };
    }
    const values = [this.literal()];
    while (this.isPunct(this.peek(), ',')) {
      this.position += 1;
      values.push(this.literal());
    }
    this.expectPunct(')');
    return { kind: 'in', path, negated, values, operatorStart };
  }

  private literal(): Literal {
    const token = this.next();
    const start = token.start;
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value, start };
      case 'number':
        return { kind: 'number', text: token.text, start };
      case 'date':
        return { kind: 'date', text: token.text, start };
      case 'datetime':
        return { kind: 'datetime', text: token.text, start };
      case 'ident':
        return this.wordLiteral(token);
      default:
        throw this.unexpected(token);
    }
  }

  private wordLiteral(token: Token): Literal {
    const word = token.text.toUpperCase();
    const start = token.start;
    if (word === 'NULL') return { kind: 'null', start };
    if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE', start };
    if (!isDateFunctionName(word)) throw this.unexpected(token);
    if (!takesDayCount(word)) return { kind: 'dateFunction', fn: { name: word }, text: token.text, start };
    this.expectPunct(':');
    const count = this.next();
    if (count.kind !== 'number' || !/^\d+$/.test(count.text)) throw this.unexpected(count);
    return {
      kind: 'dateFunction',
      fn: { name: word, n: Number(count.text) },
      text: `${token.text}:${count.text}`,
      start,
    };
  }

  private orderBy(): OrderItem[] {
    if (!this.isWord(this.peek(), 'ORDER')) return [];
    this.position += 1;
    this.expectWord('BY');
    const items = [this.orderItem()];
    while (this.isPunct(this.peek(), ',')) {
      this.position += 1;
      items.push(this.orderItem());
    }
    return items;
  }

  private orderItem(): OrderItem {
    const path = this.path();
    const descending = this.acceptWord('DESC');
    if (!descending) this.acceptWord('ASC');
    // Salesforce's defaults: nulls first when ascending, last when descending.
    let nullsLast = descending;
    if (this.acceptWord('NULLS')) {
      if (this.acceptWord('LAST')) nullsLast = true;
      else if (this.acceptWord('FIRST')) nullsLast = false;
      else throw this.unexpected();
    }
    return { path, descending, nullsLast };
  }

  private wholeNumber(): number {
    const token = this.next();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) throw this.unexpected(token);
    return Number(token.text);
  }
}

/** Parses a whole SOQL query (syntax only). Throws SoqlError (MALFORMED_QUERY). */
export function parseSoql(soql: string): SoqlQuery {
  return new Parser(soql).query();
}

/** Parses a bare WHERE expression, e.g. a validation rule's `Type = 'Branch' AND ParentId = null`. */
export function parseCondition(expression: string): Condition {
  return new Parser(expression).conditionOnly();
}
