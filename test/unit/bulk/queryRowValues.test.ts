import { expect } from 'chai';
import { canTypeColumns, restRowsOf } from '../../../src/lib/bulk/queryRowValues.js';
import type { DescribeField } from '../../../src/lib/schema/describeTypes.js';

const field = (name: string, type: string): DescribeField => ({ name, type }) as DescribeField;

const FIELDS = [
  field('Id', 'id'),
  field('Name', 'string'),
  field('Active__c', 'boolean'),
  field('Amount__c', 'currency'),
  field('Employees', 'int'),
  field('Rate__c', 'percent'),
  field('Start__c', 'date'),
  field('Shipped_At__c', 'datetime'),
  field('Opens_At__c', 'time'),
  field('BillingAddress', 'address'),
  field('Logo__c', 'base64'),
];

describe('bulk: query result cells as REST values', () => {
  it('types cells by describe type: numbers in any notation, booleans, REST datetimes, empty cells as null', () => {
    const header = ['id', 'NAME', 'Active__c', 'Amount__c', 'Employees', 'Rate__c', 'Start__c', 'Shipped_At__c', 'Opens_At__c'];
    const rows = restRowsOf(
      {
        header,
        rows: [
          ['001A', 'Acme', 'true', '9.12260031E8', '12', '12.5', '2024-05-01', '2024-05-01T10:00:00.000Z', '08:30:00.000Z'],
          ['001B', '', 'false', '1500.0', '', '', '', '2024-05-01T12:00:00+02:00', ''],
        ],
      },
      FIELDS
    );
    expect(rows).to.deep.equal([
      {
        Id: '001A',
        Name: 'Acme',
        Active__c: true,
        Amount__c: 912260031,
        Employees: 12,
        Rate__c: 12.5,
        Start__c: '2024-05-01',
        Shipped_At__c: '2024-05-01T10:00:00.000+0000',
        Opens_At__c: '08:30:00.000Z',
      },
      {
        Id: '001B',
        Name: null,
        Active__c: false,
        Amount__c: 1500,
        Employees: null,
        Rate__c: null,
        Start__c: null,
        Shipped_At__c: '2024-05-01T10:00:00.000+0000',
        Opens_At__c: null,
      },
    ]);
  });

  it('refuses cells that are not of their type rather than guessing', () => {
    expect(() => restRowsOf({ header: ['Active__c'], rows: [['yes']] }, FIELDS)).to.throw(/Active__c holds "yes", not true or false/);
    expect(() => restRowsOf({ header: ['Amount__c'], rows: [['1,5']] }, FIELDS)).to.throw(/not a number/);
    expect(() => restRowsOf({ header: ['Account.Name'], rows: [['x']] }, FIELDS)).to.throw(/Account.Name is not a field/);
  });

  it('tells which columns Bulk can carry: fields of known types, not relationship paths, compound or binary fields', () => {
    expect(canTypeColumns(['Id', 'name', 'Shipped_At__c'], FIELDS)).to.equal(true);
    expect(canTypeColumns(['Id', 'Account.Name'], FIELDS)).to.equal(false);
    expect(canTypeColumns(['BillingAddress'], FIELDS)).to.equal(false);
    expect(canTypeColumns(['Logo__c'], FIELDS)).to.equal(false);
  });
});
