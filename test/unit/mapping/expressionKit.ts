import { expect } from 'chai';
import { compileExpression, type CompiledExpression, type ExpressionProblem } from '../../../src/lib/mapping/expressions/compileExpression.js';
import type { ExpressionField } from '../../../src/lib/mapping/expressions/fieldLiterals.js';
import type { ExpressionTarget } from '../../../src/lib/mapping/expressions/resultValues.js';

/** An Opportunity-like source with a parent Account, keyed by lower-cased path as a describe lookup would be. */
const SOURCE_FIELDS: readonly ExpressionField[] = [
  { path: 'Name', type: 'string' },
  { path: 'Phone', type: 'phone' },
  { path: 'Email', type: 'email' },
  { path: 'Description', type: 'textarea' },
  { path: 'AnnualRevenue', type: 'currency' },
  { path: 'Amount', type: 'currency' },
  { path: 'Probability', type: 'percent' },
  { path: 'NumberOfEmployees', type: 'int' },
  { path: 'IsActive__c', type: 'boolean' },
  { path: 'Rating', type: 'picklist', picklistValues: [{ value: 'Hot' }, { value: 'Warm' }, { value: 'Cold' }] },
  { path: 'Code__c', type: 'string' },
  { path: 'Interests__c', type: 'multipicklist', picklistValues: [{ value: 'Golf' }, { value: 'Chess' }] },
  { path: 'CloseDate', type: 'date' },
  { path: 'LastActivity__c', type: 'datetime' },
  { path: 'Website', type: 'url' },
  { path: 'AccountId', type: 'reference' },
  { path: 'Id', type: 'id' },
  { path: 'BillingAddress', type: 'address' },
  { path: 'Account.Name', type: 'string' },
  { path: 'Account.Owner.Email', type: 'email' },
];

const BY_PATH = new Map(SOURCE_FIELDS.map((field) => [field.path.toLowerCase(), field]));

export const fieldOf = (path: string): ExpressionField | undefined => BY_PATH.get(path.toLowerCase());

export function target(type: string, length = 255, name = 'Target__c'): ExpressionTarget {
  return { name, type, length };
}

export function compiled(text: string, targetType = 'string', length = 255): CompiledExpression {
  const result = compileExpression(text, { fieldOf, target: target(targetType, length) });
  if (!result.ok) expect.fail(`${text}: ${result.problems.map((problem) => problem.message).join('; ')}`);
  return result.expression;
}

export function problemsOf(text: string, targetType = 'string'): ExpressionProblem[] {
  const result = compileExpression(text, { fieldOf, target: target(targetType) });
  if (result.ok) expect.fail(`${text} compiled`);
  return result.problems;
}
