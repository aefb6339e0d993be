/** Validation rule formulas through formulon: field types, ISNEW()/ISCHANGED() and the save-time checks. */
import { expect } from 'chai';
import { compileFormula, formulaProblem } from '../../src/automation/formula.js';
import { defaultSchema } from '../../src/index.js';
import type { FieldDescribe } from '../../src/schema/model.js';

const account = defaultSchema().objects.find((object) => object.header.name === 'Account')!;
const fieldOf = (name: string): FieldDescribe | undefined => account.fields.find((field) => field.name.toLowerCase() === name.toLowerCase());
const record = (values: Record<string, unknown>): { Id: string } & Record<string, unknown> => ({ Id: '001000000000001AAA', ...values });

describe('validation rule formulas', () => {
  it('evaluates numbers, text, picklists and dates of the record', () => {
    const negative = compileFormula('AND(NOT(ISBLANK(AnnualRevenue)), AnnualRevenue < 0)', fieldOf);
    expect(negative(record({ AnnualRevenue: -1 }), { mode: 'insert' })).to.equal(true);
    expect(negative(record({ AnnualRevenue: 5 }), { mode: 'insert' })).to.equal(false);
    expect(negative(record({}), { mode: 'insert' })).to.equal(false);
    const picklist = compileFormula('AND(ISPICKVAL(Industry, "Banking"), BEGINS(Name, "X"))', fieldOf);
    expect(picklist(record({ Industry: 'Banking', Name: 'Xeno' }), { mode: 'insert' })).to.equal(true);
    expect(picklist(record({ Industry: 'Energy', Name: 'Xeno' }), { mode: 'insert' })).to.equal(false);
  });

  it('replaces ISNEW() and ISCHANGED(field) from the operation and the stored record', () => {
    const renamed = compileFormula('AND(NOT(ISNEW()), ISCHANGED(Name))', fieldOf);
    expect(renamed(record({ Name: 'B' }), { mode: 'insert' })).to.equal(false);
    expect(renamed(record({ Name: 'B' }), { mode: 'update', previous: record({ Name: 'A' }) })).to.equal(true);
    expect(renamed(record({ Name: 'A' }), { mode: 'update', previous: record({ Name: 'A' }) })).to.equal(false);
  });

  it('names what Salesforce would refuse to save', () => {
    expect(formulaProblem('AnnualRevenue < 0', fieldOf)).to.equal(undefined);
    expect(formulaProblem('Nope__c > 1', fieldOf)).to.contain('Nope__c');
    expect(formulaProblem('AND(', fieldOf)).to.be.a('string');
    expect(formulaProblem('PRIORVALUE(Name) = "x"', fieldOf)).to.contain('PRIORVALUE');
    expect(formulaProblem('AnnualRevenue', fieldOf)).to.contain('incompatible with expected data type (true/false)');
  });
});
