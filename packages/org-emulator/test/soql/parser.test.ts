import { expect } from 'chai';
import { parseSoql } from '../../src/soql/index.js';

describe('soql parser', () => {
  it('builds the tree with source offsets, keywords in any case', () => {
    const text =
      "select Id, Account.Name, count(Id) n from Contact c where not (LastName like 'a%' or Id in ('x')) order by Name desc nulls first, Id limit 5 offset 2";
    const at = (fragment: string): number => text.indexOf(fragment);
    const query = parseSoql(text);
    expect(query.select).to.deep.equal([
      { kind: 'field', path: { segments: ['Id'], start: at('Id,') } },
      { kind: 'field', path: { segments: ['Account', 'Name'], start: at('Account') } },
      { kind: 'count', path: { segments: ['Id'], start: at('Id)') }, alias: 'n', start: at('count(') },
    ]);
    expect(query.from).to.deep.equal({ name: 'Contact', alias: 'c', start: at('Contact') });
    expect(query.where).to.deep.include({ kind: 'not' });
    expect(query.orderBy).to.deep.equal([
      { path: { segments: ['Name'], start: at('Name desc') }, descending: true, nullsLast: false },
      { path: { segments: ['Id'], start: at('Id limit') }, descending: false, nullsLast: false },
    ]);
    expect([query.limit, query.offset]).to.deep.equal([5, 2]);
  });

  it('reads date functions with their day count and semi-join subqueries', () => {
    const text = 'SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:7 AND Id IN (SELECT AccountId FROM Contact)';
    const query = parseSoql(text);
    expect(query.where).to.deep.nested.include({
      'operands[0].value': { kind: 'dateFunction', fn: { name: 'LAST_N_DAYS', n: 7 }, text: 'LAST_N_DAYS:7', start: text.indexOf('LAST') },
    });
    expect(query.where).to.have.nested.property('operands[1].kind', 'semiJoin');
    expect(query.where).to.have.nested.property('operands[1].query.from.name', 'Contact');
  });

  it('reads parent-to-child subqueries in the select list, nested ones and a FROM naming the parent first', () => {
    const text =
      'SELECT Name, (SELECT LastName, (SELECT Subject FROM Tasks) FROM Account.Contacts c WHERE LastName != null ORDER BY LastName LIMIT 3) FROM Account';
    const query = parseSoql(text);
    expect(query.select).to.have.length(2);
    const [, item] = query.select;
    if (item.kind !== 'subquery') throw new Error(`expected a subquery, got ${item.kind}`);
    expect(item.start).to.equal(text.indexOf('(SELECT LastName'));
    expect(item.query.from).to.deep.equal({ name: 'Contacts', alias: 'c', qualifier: 'Account', start: text.indexOf('Contacts') });
    expect([item.query.orderBy.length, item.query.limit, item.query.where?.kind]).to.deep.equal([1, 3, 'compare']);
    expect(item.query.select[1]).to.deep.include({ kind: 'subquery' });
    expect(item.query.text).to.equal(text);
  });

  it('refuses a parenthesis that opens no subquery, and a qualified FROM outside a subquery', () => {
    expect(() => parseSoql('SELECT (Name) FROM Account')).to.throw(/unexpected token: 'Name'/);
    expect(() => parseSoql('SELECT Name, (SELECT LastName FROM Contacts FROM Account')).to.throw(/unexpected token: 'FROM'/);
    expect(() => parseSoql('SELECT Name FROM Account.Contacts')).to.throw(/unexpected token: '\.'/);
  });
});
