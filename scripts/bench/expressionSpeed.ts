/**
 * `tsx scripts/bench/expressionSpeed.ts [--records N]`: what computed fields cost per record, for a few typical
 * expressions on N records (default 100,000) with distinct values: sf isync's evaluation of the tree parsed
 * once, next to formulon's public `parse(formula, values)`, which parses again on every call (measured on a
 * tenth of the records: it is the slow one). Best of two passes each.
 */
import { parseArgs } from 'node:util';
import formulon from 'formulon';
import { compileExpression, type CompiledExpression } from '../../src/lib/mapping/expressions/compileExpression.js';
import { evaluate } from '../../src/lib/mapping/expressions/evaluateExpression.js';
import type { ExpressionField } from '../../src/lib/mapping/expressions/fieldLiterals.js';

const { values: flags } = parseArgs({ options: { records: { type: 'string', default: '100000' } } });
const count = Number(flags.records);

const FIELDS: Record<string, ExpressionField> = Object.fromEntries(
  [
    { path: 'Name', type: 'string' },
    { path: 'Phone', type: 'phone' },
    { path: 'AnnualRevenue', type: 'currency' },
    { path: 'Rating', type: 'picklist', picklistValues: ['Hot', 'Warm', 'Cold'].map((value) => ({ value })) },
    { path: 'CloseDate', type: 'date' },
    { path: 'Account.Name', type: 'string' },
  ].map((field) => [field.path.toLowerCase(), field])
);

const EXPRESSIONS: Array<{ text: string; targetType: string }> = [
  { text: "IF(ISBLANK(Phone), 'none', UPPER(LEFT(Name, 3)))", targetType: 'string' },
  { text: "Account.Name & ' (' & TEXT(AnnualRevenue) & ')'", targetType: 'string' },
  { text: "CASE(Rating, 'Hot', 1, 'Warm', 2, 0)", targetType: 'int' },
  { text: 'ADDMONTHS(CloseDate, 1)', targetType: 'date' },
];

const records = Array.from({ length: count }, (_, i) => ({
  Name: `Company ${i}`,
  Phone: i % 5 === 0 ? null : `+1 415 555 ${String(i % 10_000).padStart(4, '0')}`,
  AnnualRevenue: i * 12.5,
  Rating: ['Hot', 'Warm', 'Cold', null][i % 4],
  CloseDate: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  Account: { Name: `Parent ${i % 1000}` },
}));

function microsecondsPerRecord(run: (record: (typeof records)[number]) => unknown, sample: typeof records): number {
  const pass = (): number => {
    const started = process.hrtime.bigint();
    for (const record of sample) run(record);
    return Number(process.hrtime.bigint() - started) / 1000 / sample.length;
  };
  return Math.min(pass(), pass());
}

/** formulon's public API: the values as its literals, the formula parsed on every call. */
function formulonParse(expression: CompiledExpression, record: (typeof records)[number]): unknown {
  const literals: Record<string, { type: 'literal'; dataType: string; value: unknown; options?: Record<string, unknown> }> = {};
  for (const input of expression.inputs) {
    const raw = input.field.path === 'Account.Name' ? record.Account.Name : record[input.field.path as keyof typeof record];
    const value = input.dataType === 'date' && typeof raw === 'string' ? new Date(`${raw}T00:00:00Z`) : raw;
    literals[input.identifier] = { type: 'literal', dataType: input.dataType, value, options: input.dataType === 'text' ? { length: 255 } : {} };
  }
  return formulon.parse(expression.text, literals);
}

const now = new Date();
console.log(`${count.toLocaleString('en')} records, µs per record (best of two passes)`);
for (const { text, targetType } of EXPRESSIONS) {
  const compileStarted = process.hrtime.bigint();
  const compiled = compileExpression(text, { fieldOf: (path) => FIELDS[path.toLowerCase()], target: { name: 'Target__c', type: targetType, length: 255 } });
  const compileMs = Number(process.hrtime.bigint() - compileStarted) / 1e6;
  if (!compiled.ok) throw new Error(`${text}: ${compiled.problems.map((problem) => problem.message).join('; ')}`);
  const expression = compiled.expression;
  const ours = microsecondsPerRecord((record) => evaluate(expression, record, { now }), records);
  const publicParse = microsecondsPerRecord((record) => formulonParse(expression, record), records.slice(0, Math.max(1, count / 10)));
  console.log(`${text}\n  compile ${compileMs.toFixed(1)} ms; evaluate ${ours.toFixed(2)} µs; formulon.parse ${publicParse.toFixed(1)} µs`);
}
