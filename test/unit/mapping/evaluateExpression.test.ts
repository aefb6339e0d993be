import { expect } from 'chai';
import { evaluate, valueAt, type EvaluationResult } from '../../../src/lib/mapping/expressions/evaluateExpression.js';
import { compiled } from './expressionKit.js';

const NOW = new Date('2026-03-15T22:30:00Z');

function valueOf(text: string, record: Record<string, unknown>, targetType = 'string', length = 255): unknown {
  const result = evaluate(compiled(text, targetType, length), record, { now: NOW });
  if (!result.ok) expect.fail(`${text}: ${result.problem}`);
  return result.value;
}

function problemOf(text: string, record: Record<string, unknown>, targetType = 'string'): string {
  const result: EvaluationResult = evaluate(compiled(text, targetType), record, { now: NOW });
  if (result.ok) expect.fail(`${text} evaluated to ${String(result.value)}`);
  return result.problem;
}

describe('evaluate', () => {
  it('IF, ISBLANK, UPPER and LEFT', () => {
    const text = "IF(ISBLANK(Phone), 'none', UPPER(LEFT(Name, 3)))";
    expect(valueOf(text, { Phone: '555', Name: 'Acme Corporation' })).to.equal('ACM');
    expect(valueOf(text, { Phone: null, Name: 'Acme' })).to.equal('none');
    expect(valueOf(text, { Phone: '', Name: 'Acme' })).to.equal('none');
    expect(valueOf(text, { Name: 'Acme' }), 'an absent field is blank').to.equal('none');
  });

  it('& and TEXT, a blank read as empty text', () => {
    const text = "Name & ' (' & TEXT(AnnualRevenue) & ')'";
    expect(valueOf(text, { Name: 'Acme', AnnualRevenue: 1234.5 })).to.equal('Acme (1234.5)');
    expect(valueOf(text, { Name: null, AnnualRevenue: null })).to.equal(' ()');
    expect(valueOf("TEXT(Rating) & '/' & TEXT(CloseDate)", { Rating: 'Hot', CloseDate: '2024-02-29' })).to.equal('Hot/2024-02-29');
  });

  it('CASE on a picklist, its else value for other and blank values', () => {
    const text = "CASE(Rating, 'Hot', 1, 'Warm', 2, 0)";
    expect(['Hot', 'Warm', 'Cold', null].map((Rating) => valueOf(text, { Rating }, 'int'))).to.deep.equal([1, 2, 0, 0]);
    expect(valueOf("CASE(NumberOfEmployees, 1, 'one', 2, 'two', 'many')", { NumberOfEmployees: 2 })).to.equal('two');
  });

  it('VALUE of text, blank when the text is not a number', () => {
    expect(valueOf('VALUE(Code__c)', { Code__c: '12.5' }, 'double')).to.equal(12.5);
    expect(valueOf('VALUE(Code__c) * 2', { Code__c: '-3' }, 'double')).to.equal(-6);
    expect(valueOf('VALUE(Code__c)', { Code__c: 'abc' }, 'double')).to.equal(null);
  });

  it('parent fields, nested as REST returns them or flat as Bulk CSV does, blank when the parent is', () => {
    expect(valueOf('Account.Name', { Account: { Name: 'Parent Co' } })).to.equal('Parent Co');
    expect(valueOf('Account.Owner.Email', { Account: { Owner: { Email: 'o@x.com' } } })).to.equal('o@x.com');
    expect(valueOf('Account.Name', { 'Account.Name': 'Flat Co' })).to.equal('Flat Co');
    expect(valueOf("BLANKVALUE(Account.Name, 'orphan')", { Account: null })).to.equal('orphan');
    expect(valueAt({ Account: { Owner: null } }, 'Account.Owner.Email')).to.equal(null);
  });

  it('date functions: TODAY, NOW and TIMENOW from the given clock, YEAR, ADDMONTHS', () => {
    expect(valueOf('TODAY()', {}, 'date')).to.equal('2026-03-15');
    expect(valueOf('NOW()', {}, 'datetime')).to.equal('2026-03-15T22:30:00.000Z');
    expect(valueOf('TIMENOW()', {}, 'time')).to.equal('22:30:00.000Z');
    expect(valueOf('YEAR(CloseDate)', { CloseDate: '2024-03-31' }, 'int')).to.equal(2024);
    expect(valueOf('ADDMONTHS(CloseDate, 1)', { CloseDate: '2024-01-31' }, 'date')).to.equal('2024-02-29');
    expect(valueOf('TODAY() - CloseDate', { CloseDate: '2026-03-10' }, 'int')).to.equal(5);
    expect(valueOf('DATEVALUE(LastActivity__c)', { LastActivity__c: '2024-05-06T07:08:09.000+0000' }, 'date')).to.equal('2024-05-06');
    expect(valueOf('LastActivity__c + 1', { LastActivity__c: '2024-05-06T07:08:09.000+0000' }, 'datetime')).to.equal('2024-05-07T07:08:09.000Z');
  });

  it('evaluates only the branch IF, CASE and BLANKVALUE return, so a guard protects a blank', () => {
    expect(valueOf('IF(ISBLANK(Amount), 0, Amount * 2)', { Amount: null }, 'currency')).to.equal(0);
    expect(valueOf('IF(ISBLANK(Amount), 0, Amount * 2)', { Amount: 21 }, 'currency')).to.equal(42);
    expect(valueOf('IF(Amount = 0, 0, 100 / Amount)', { Amount: 0 }, 'double')).to.equal(0);
    expect(valueOf('BLANKVALUE(Amount, 7)', { Amount: null }, 'double')).to.equal(7);
    expect(valueOf('NULLVALUE(Amount, 7)', { Amount: 3 }, 'double')).to.equal(3);
  });

  it('blanks: ISBLANK on null and empty, a function of a blank is blank, a blank condition is false', () => {
    expect(valueOf('ISBLANK(Name)', { Name: null }, 'boolean')).to.equal(true);
    expect(valueOf('ISBLANK(Name)', { Name: '' }, 'boolean')).to.equal(true);
    expect(valueOf('ISBLANK(Amount)', { Amount: null }, 'boolean')).to.equal(true);
    expect(valueOf('ISBLANK(Amount)', { Amount: 0 }, 'boolean')).to.equal(false);
    expect(valueOf('Amount * 2', { Amount: null }, 'currency')).to.equal(null);
    expect(valueOf('YEAR(CloseDate)', { CloseDate: null }, 'int')).to.equal(null);
    expect(valueOf("IF(Amount > 10, 'big', 'small')", { Amount: null })).to.equal('small');
    expect(valueOf("ISPICKVAL(Rating, 'Hot')", { Rating: null }, 'boolean')).to.equal(false);
    expect(valueOf('AND(IsActive__c, Amount > 1)', { IsActive__c: true, Amount: null }, 'boolean')).to.equal(false);
    expect(valueOf('Amount = 5', { Amount: null }, 'boolean')).to.equal(false);
    expect(valueOf('Amount <> 5', { Amount: null }, 'boolean')).to.equal(true);
    expect(valueOf('IsActive__c', { IsActive__c: null }, 'boolean'), 'a checkbox is never blank').to.equal(false);
    expect(valueOf("INCLUDES(Interests__c, 'Chess')", { Interests__c: 'Golf;Chess' }, 'boolean')).to.equal(true);
    expect(valueOf("INCLUDES(Interests__c, 'Chess')", { Interests__c: null }, 'boolean')).to.equal(false);
  });

  it("converts the result to the target field's type", () => {
    expect(valueOf('Amount / 3', { Amount: 10 }, 'int')).to.equal(3);
    expect(valueOf('Amount / 4', { Amount: 10 }, 'int'), 'half rounds away from zero').to.equal(3);
    expect(valueOf('0 - Amount / 4', { Amount: 10 }, 'long')).to.equal(-3);
    expect(valueOf('Amount / 4', { Amount: 10 }, 'currency')).to.equal(2.5);
    expect(valueOf('Probability / 100', { Probability: '40' }, 'percent'), 'numbers as text, as Bulk CSV gives them').to.equal(0.4);
    expect(valueOf("IsActive__c && ISPICKVAL(Rating, 'Hot')", { IsActive__c: 'true', Rating: 'Hot' }, 'boolean')).to.equal(true);
    expect(valueOf("Name & ' and more'", { Name: 'Acme' }, 'string', 6), 'cut to the field length').to.equal('Acme a');
    expect(valueOf('TRIM(Name)', { Name: '   ' }), "'' is written as blank").to.equal(null);
    expect(valueOf('Rating', { Rating: 'Warm' }, 'picklist')).to.equal('Warm');
    expect(valueOf('IF(IsActive__c, Id, AccountId)', { IsActive__c: false, Id: '006A', AccountId: '001B' }, 'reference')).to.equal('001B');
  });

  it('reports per-record problems without the record values', () => {
    expect(problemOf('100 / Amount', { Amount: 0 }, 'double')).to.equal("the expression's result for Target__c is not a number (a division by zero?)");
    const invalid = problemOf('DATEVALUE(Code__c)', { Code__c: 'secret-code' }, 'date');
    expect(invalid).to.equal('Target__c: a value is not valid for DATEVALUE()');
    const corrupt = problemOf('Amount + 1', { Amount: 'private text' }, 'double');
    expect(corrupt).to.equal('Amount holds a value that is not a valid Number');
    expect(problemOf('CloseDate', { CloseDate: 'not a date' }, 'date')).to.not.contain('not a date');
  });

  it('is deterministic: the same record gives the same value, whatever came before', () => {
    const expression = compiled("IF(ISBLANK(Phone), 'none', UPPER(LEFT(Name, 3))) & TEXT(CloseDate)");
    const records = Array.from({ length: 50 }, (_, i) => ({ Phone: i % 3 === 0 ? null : 'x', Name: `n${i}ame`, CloseDate: '2024-01-01' }));
    const forward = records.map((record) => evaluate(expression, record, { now: NOW }));
    const backward = [...records]
      .reverse()
      .map((record) => evaluate(expression, record, { now: NOW }))
      .reverse();
    expect(backward).to.deep.equal(forward);
  });
});
