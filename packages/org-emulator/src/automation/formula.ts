/**
 * Validation rule formulas, evaluated with formulon (a Salesforce formula engine) on the record as it would
 * be saved. Record values become formulon literals of the field's type. formulon lacks ISNEW() and
 * ISCHANGED(field), so they are replaced by TRUE/FALSE before parsing, from the operation and the stored
 * record; PRIORVALUE, VLOOKUP, parent paths (`Account.Name`) and `$` globals are refused when the rule is saved.
 */
import formulon, { type FormulonLiteral } from 'formulon';
import { textOf } from '../org/dmlErrors.js';
import type { FieldDescribe } from '../schema/model.js';
import type { StoredRecord } from '../soql/types.js';

export type FormulaContext = { mode: 'insert' | 'update'; previous?: StoredRecord };

/** Salesforce's type names in its "incompatible data type" message. */
const RESULT_TYPE_NAMES: Record<string, string> = { text: 'Text', number: 'Number', date: 'Date', datetime: 'Date/Time', checkbox: 'true/false' };

const ISNEW = /\bISNEW\s*\(\s*\)/gi;
const ISCHANGED = /\bISCHANGED\s*\(\s*([A-Za-z][A-Za-z0-9_]*)\s*\)/gi;

function literalOf(field: FieldDescribe, raw: unknown): FormulonLiteral {
  const value = raw === undefined || raw === '' ? null : raw;
  switch (field.type) {
    case 'boolean':
      return { type: 'literal', dataType: 'checkbox', value: value === true };
    case 'int':
    case 'long':
    case 'double':
    case 'currency':
    case 'percent':
      return { type: 'literal', dataType: 'number', value, options: { length: Math.max(1, field.precision - field.scale || 18), scale: field.scale } };
    case 'date':
    case 'datetime': {
      const dataType = field.type === 'date' ? 'date' : 'datetime';
      return { type: 'literal', dataType, value: typeof value === 'string' ? new Date(field.type === 'date' ? `${value}T00:00:00Z` : value) : null };
    }
    case 'picklist':
      return { type: 'literal', dataType: 'picklist', value, options: { values: field.picklistValues.map((entry) => entry.value) } };
    case 'multipicklist':
      return {
        type: 'literal',
        dataType: 'multipicklist',
        value: typeof value === 'string' ? value.split(';') : null,
        options: { values: field.picklistValues.map((entry) => entry.value) },
      };
    default:
      return { type: 'literal', dataType: 'text', value: value === null ? null : textOf(value), options: { length: Math.max(field.length, 18) } };
  }
}

function valuesEqual(a: unknown, b: unknown): boolean {
  const blank = (v: unknown): boolean => v === null || v === undefined || v === '';
  return (blank(a) && blank(b)) || a === b;
}

/** The formula with ISNEW()/ISCHANGED() replaced by their value for this save. */
function substituteFunctions(formula: string, record: StoredRecord, context: FormulaContext): string {
  return formula
    .replace(ISNEW, context.mode === 'insert' ? 'TRUE' : 'FALSE')
    .replace(ISCHANGED, (_all, name: string) => (context.mode === 'update' && !valuesEqual(record[name], context.previous?.[name]) ? 'TRUE' : 'FALSE'));
}

/** Fields of the object by lower-cased name. */
export type FieldLookup = (name: string) => FieldDescribe | undefined;

/** Why Salesforce would refuse to save this formula as a validation rule's condition, or undefined. */
export function formulaProblem(formula: string, fieldOf: FieldLookup): string | undefined {
  const probe = formula.replace(ISNEW, 'TRUE').replace(ISCHANGED, 'FALSE');
  let identifiers: string[];
  try {
    identifiers = formulon.extract(probe);
  } catch {
    return 'Syntax error.';
  }
  const substitutions: Record<string, FormulonLiteral> = {};
  for (const name of identifiers) {
    const field = fieldOf(name);
    if (!field) return `Field ${name} does not exist. Check spelling.`;
    substitutions[name] = literalOf(field, null);
  }
  try {
    const result = formulon.parse(probe, substitutions);
    if (result.type === 'error') return result.message;
    if (result.dataType !== 'checkbox') {
      return `Formula result is data type (${RESULT_TYPE_NAMES[result.dataType] ?? result.dataType}), incompatible with expected data type (true/false).`;
    }
  } catch {
    // formulon throws on some null inputs (LEN(null)); the formula itself is fine.
  }
  return undefined;
}

/**
 * A predicate: true when the formula is true for the record. Results are cached per distinct input, as a
 * Bulk load evaluates the same rule on many records with few distinct values. An evaluation error (formulon
 * throws or answers an error) does not fire the rule.
 */
export function compileFormula(formula: string, fieldOf: FieldLookup): (record: StoredRecord, context: FormulaContext) => boolean {
  const probe = formula.replace(ISNEW, 'TRUE').replace(ISCHANGED, 'FALSE');
  const fields = formulon.extract(probe).map((name) => ({ name, field: fieldOf(name)! }));
  const cache = new Map<string, boolean>();
  return (record, context) => {
    const text = substituteFunctions(formula, record, context);
    const values = fields.map(({ field }) => record[field.name] ?? null);
    const key = JSON.stringify([text, values]);
    const known = cache.get(key);
    if (known !== undefined) return known;
    const substitutions: Record<string, FormulonLiteral> = {};
    fields.forEach(({ name, field }, i) => (substitutions[name] = literalOf(field, values[i])));
    let fired = false;
    try {
      const result = formulon.parse(text, substitutions);
      fired = result.type === 'literal' && result.value === true;
    } catch {
      fired = false;
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(key, fired);
    return fired;
  };
}
