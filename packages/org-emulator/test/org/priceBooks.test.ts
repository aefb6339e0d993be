import { expect } from 'chai';
import type { OrgState } from '../../src/org/orgState.js';
import { defaultSchemaOrg } from './testOrg.js';

const none = { allOrNone: false };

describe('emulator price books', () => {
  let org: OrgState;
  beforeEach(() => {
    org = defaultSchemaOrg();
  });

  const insert = (objectName: string, fields: Record<string, unknown>) => org.engine.insert(objectName, [fields], none)[0];

  it('has a Standard Price Book from the start, which the seed target names too', () => {
    const books = org.records('Pricebook2');
    expect(books).to.have.length(1);
    expect(books[0]).to.include({ Name: 'Standard Price Book', IsStandard: true, IsActive: true, IsDeleted: false });
    expect(org.standardPricebookId).to.equal(books[0].Id);
    expect(org.seedTarget.standardPricebookId()).to.equal(books[0].Id);
  });

  it('lets no client create another standard price book', () => {
    expect(insert('Pricebook2', { Name: 'Mine', IsStandard: true }).errors[0]).to.deep.include({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['IsStandard'],
    });
    expect(org.get(insert('Pricebook2', { Name: 'Mine' }).id!)!.IsStandard).to.equal(false);
  });

  it('requires the standard price before a custom one, and one price per product and price book', () => {
    const product = insert('Product2', { Name: 'Conveyor' }).id!;
    const partnerBook = insert('Pricebook2', { Name: 'Partner', IsActive: true }).id!;
    const partnerPrice = { Pricebook2Id: partnerBook, Product2Id: product, UnitPrice: 85, IsActive: true };

    expect(insert('PricebookEntry', partnerPrice)).to.deep.equal({
      id: null,
      success: false,
      errors: [{ statusCode: 'STANDARD_PRICE_NOT_DEFINED', message: 'Before creating a custom price, create a standard price.', fields: [] }],
    });
    expect(insert('PricebookEntry', { ...partnerPrice, Pricebook2Id: org.standardPricebookId, UnitPrice: 100 }).success).to.equal(true);
    expect(insert('PricebookEntry', partnerPrice).success).to.equal(true);
    expect(insert('PricebookEntry', partnerPrice).errors).to.deep.equal([
      { statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'This price definition already exists in this price book', fields: [] },
    ]);
  });

  it('puts the standard price book back when the data is cleared', () => {
    org.clearData();
    expect(org.records('Pricebook2').map((book) => book.Name)).to.deep.equal(['Standard Price Book']);
  });
});
