import { expect } from 'chai';
import { compileExpression, expressionFields, expressionProblemText } from '../../../src/lib/mapping/expressions/compileExpression.js';
import { formulonInternals } from '../../../src/lib/mapping/expressions/formulonInternals.js';
import { compiled, fieldOf, problemsOf, target } from './expressionKit.js';

describe('compileExpression', () => {
  it("reads formulon's parser and functions from the installed version", () => {
    const formulon = formulonInternals();
    expect(formulon.version).to.match(/^6\./);
    expect([...formulon.functionNames]).to.include.members(['if', 'case', 'text', 'value', 'isblank', 'left', 'upper', 'today', 'year', 'addmonths', 'add']);
    expect(formulon.returnTypeOf('value')).to.equal('number');
    expect(formulon.returnTypeOf('if')).to.equal(undefined);
  });

  it('lists the fields to query, parent paths included, in the describe spelling and once each', () => {
    const expression = compiled('IF(ISBLANK(phone), account.name, UPPER(LEFT(Name, 3))) & Phone & Account.Owner.Email');
    expect(expression.fields).to.deep.equal(['Phone', 'Account.Name', 'Name', 'Account.Owner.Email']);
    expect(expressionFields("Account.Name & ' (' & TEXT(AnnualRevenue) & ')'")).to.deep.equal({ ok: true, fields: ['Account.Name', 'AnnualRevenue'] });
    expect(compiled('TODAY()', 'date').fields).to.deep.equal([]);
  });

  it('infers the result type at compile time, from a probe or from the function', () => {
    expect(compiled("IF(ISBLANK(Phone), 'none', UPPER(LEFT(Name, 3)))").resultType).to.equal('text');
    expect(compiled("CASE(Rating, 'Hot', 1, 'Warm', 2, 0)", 'int').resultType).to.equal('number');
    // VALUE('a') of the probe is blank: the type comes from VALUE's declared result.
    expect(compiled('VALUE(Code__c)', 'double').resultType).to.equal('number');
    expect(compiled('ADDMONTHS(CloseDate, 1)', 'date').resultType).to.equal('date');
    expect(compiled('Rating', 'picklist').resultType).to.equal('picklist');
  });

  it('locates syntax errors', () => {
    const [early] = problemsOf("IF(ISBLANK(Phone), 'none'");
    expect(early.message).to.contain('ends too early');
    expect(early.position).to.deep.equal({ offset: 25, line: 1, column: 26 });
    const [unexpected] = problemsOf("  Name &&& 'x'");
    expect(unexpected.message).to.equal('Syntax error: unexpected "&"');
    expect(unexpected.position?.offset).to.equal(9);
    const [secondLine] = problemsOf("IF(ISBLANK(Phone),\n  'none',,\n  Name)");
    expect(secondLine.position).to.include({ line: 2, column: 10 });
    expect(expressionProblemText(secondLine)).to.match(/ \(line 2, column 10\)$/);
    expect(problemsOf('   ')[0].message).to.equal('the expression is empty');
  });

  it('locates unknown functions and fields, and refuses $ globals', () => {
    expect(problemsOf('UPPER(Name) & FOO(Name)')).to.deep.equal([{ message: 'Unknown function FOO', position: { offset: 14, line: 1, column: 15 } }]);
    const problems = problemsOf("'Name' & Nope__c & Account.Nope & $User.Id");
    expect(problems.map((problem) => [problem.message, problem.position?.column])).to.deep.equal([
      ['Unknown field Nope__c', 10],
      ['Unknown field Account.Nope', 20],
      ['$User.Id: global variables ($User, $Organization...) are not available to a sync', 35],
    ]);
    expect(expressionFields('FOO(1)')).to.deep.include({ ok: false });
  });

  it("reports formulon's argument checks with the function's position, in every branch", () => {
    const [wrongType] = problemsOf("IF(ISBLANK(Phone), 'none', UPPER(Amount))");
    expect(wrongType.message).to.equal("Incorrect parameter type for function 'UPPER()'. Expected Text, received Number");
    expect(wrongType.position?.column).to.equal(28);
    const [wrongCount] = problemsOf('LEFT(Name)');
    expect(wrongCount.message).to.contain("Incorrect number of parameters for function 'LEFT()'");
    expect(wrongCount.position?.column).to.equal(1);
    const [operator] = problemsOf('Amount + Name', 'double');
    expect(operator.message).to.contain('(operator + or &)');
    expect(operator.position).to.equal(undefined);
    // As in Salesforce: a picklist is compared with ISPICKVAL, not =.
    expect(problemsOf("Rating = 'Hot'", 'boolean')[0].message).to.contain('received Picklist (operator =)');
  });

  it('refuses the functions formulon knows but does not implement', () => {
    const [notImplemented] = problemsOf("IF(ISNUMBER(Code__c), 'n', 'x')");
    expect(notImplemented.message).to.equal('ISNUMBER() is not supported (formulon does not implement it)');
    expect(notImplemented.position?.column).to.equal(4);
  });

  it('refuses IF and CASE branches of different types', () => {
    expect(problemsOf("IF(ISBLANK(Phone), 1, 'a')", 'double')[0].message).to.equal('IF() returns values of different types: number and text');
    expect(problemsOf("CASE(Rating, 'Hot', 'x', 2)")[0].message).to.contain('CASE() returns values of different types');
  });

  it("refuses a result that does not fit the target field's type, with the function that converts", () => {
    expect(problemsOf('Amount', 'string')[0].message).to.equal(
      "the expression's result is Number, but Target__c is a string field, which takes Text (TEXT() turns a number, date or picklist into text)"
    );
    expect(problemsOf('Name', 'currency')[0].message).to.contain('VALUE() turns text into a number');
    expect(problemsOf('LastActivity__c', 'date')[0].message).to.contain('DATEVALUE()');
    expect(problemsOf('ISBLANK(Name)', 'int')[0].message).to.contain('result is Checkbox');
  });

  it('refuses fields and targets of types expressions cannot handle', () => {
    expect(problemsOf('BillingAddress')[0].message).to.equal('BillingAddress is a address field, which expressions cannot read');
    const located = compileExpression("'x'", { fieldOf, target: target('location') });
    expect(located).to.deep.equal({ ok: false, problems: [{ message: 'Target__c is a location field, which expressions cannot compute' }] });
  });

  it('accepts text into text-like targets, ids and lookups included', () => {
    for (const type of ['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'id', 'reference']) {
      expect(compileExpression('Name', { fieldOf, target: target(type) }).ok, type).to.equal(true);
    }
  });
});
