/**
 * Products and price books (Product2, Pricebook2, PricebookEntry, OpportunityLineItem). No licensed full
 * describe of them was found, so they are declared from Salesforce's object reference with the builders;
 * their object-level flags come from the recorded describe-global.
 */
import type { ObjectDef } from './model.js';
import { buildStandardObject, CREATE_ONLY, DEFAULTED, READ_ONLY, standardField } from './standardObjectBuilder.js';
import { isDeletedField, recentlyViewedFields } from './systemFields.js';

export function product2(): ObjectDef {
  return buildStandardObject('Product2', {
    fields: [
      standardField({ kind: 'text', name: 'Name', label: 'Product Name', length: 255, required: true }, { nameField: true }),
      standardField({ kind: 'text', name: 'ProductCode', label: 'Product Code', length: 255 }),
      standardField({ kind: 'textarea', name: 'Description', label: 'Product Description', length: 4000 }),
      standardField({ kind: 'boolean', name: 'IsActive', label: 'Active' }),
      standardField({ kind: 'picklist', name: 'Family', label: 'Product Family', values: ['Hardware', 'Software', 'Services'] }),
      standardField({ kind: 'url', name: 'DisplayUrl', label: 'Display URL' }, { length: 1000, byteLength: 3000 }),
      standardField({ kind: 'picklist', name: 'QuantityUnitOfMeasure', label: 'Quantity Unit Of Measure', values: ['Each'] }),
      standardField({ kind: 'text', name: 'StockKeepingUnit', label: 'Product SKU', length: 180 }),
      isDeletedField(),
      standardField({ kind: 'boolean', name: 'IsArchived', label: 'Archived' }, READ_ONLY),
    ],
    trailingFields: recentlyViewedFields(),
  });
}

export function pricebook2(): ObjectDef {
  return buildStandardObject('Pricebook2', {
    fields: [isDeletedField(), standardField({ kind: 'text', name: 'Name', label: 'Price Book Name', length: 255, required: true }, { nameField: true })],
    trailingFields: [
      ...recentlyViewedFields(),
      standardField({ kind: 'boolean', name: 'IsActive', label: 'Active' }),
      standardField({ kind: 'boolean', name: 'IsArchived', label: 'Archived' }, READ_ONLY),
      standardField({ kind: 'text', name: 'Description', label: 'Description', length: 255 }),
      // Only the org's own "Standard Price Book" has it; clients cannot create another one.
      standardField({ kind: 'boolean', name: 'IsStandard', label: 'Is Standard Price Book' }, READ_ONLY),
    ],
  });
}

export function pricebookEntry(): ObjectDef {
  return buildStandardObject('PricebookEntry', {
    fields: [
      standardField({ kind: 'text', name: 'Name', label: 'Product Name', length: 255 }, READ_ONLY, { nameField: true }),
      standardField(
        { kind: 'lookup', name: 'Pricebook2Id', label: 'Price Book ID', referenceTo: 'Pricebook2', relationshipName: 'Pricebook2', required: true },
        CREATE_ONLY,
        { restrictedDelete: false }
      ),
      standardField(
        { kind: 'lookup', name: 'Product2Id', label: 'Product ID', referenceTo: 'Product2', relationshipName: 'Product2', required: true },
        CREATE_ONLY,
        { restrictedDelete: false }
      ),
      standardField({ kind: 'currency', name: 'UnitPrice', label: 'List Price', precision: 18, scale: 2, required: true }),
      standardField({ kind: 'boolean', name: 'IsActive', label: 'Active' }),
      standardField({ kind: 'boolean', name: 'UseStandardPrice', label: 'Use Standard Price' }),
    ],
    trailingFields: [
      standardField({ kind: 'text', name: 'ProductCode', label: 'Product Code', length: 255 }, READ_ONLY),
      isDeletedField(),
      standardField({ kind: 'boolean', name: 'IsArchived', label: 'Archived' }, READ_ONLY),
    ],
    // Deleting a price book or a product deletes its entries.
    parentRelationships: {
      Pricebook2Id: { relationshipName: 'PricebookEntries', cascadeDelete: true, restrictedDelete: false },
      Product2Id: { relationshipName: 'PricebookEntries', cascadeDelete: true, restrictedDelete: false },
    },
  });
}

export function opportunityLineItem(): ObjectDef {
  return buildStandardObject('OpportunityLineItem', {
    fields: [
      standardField(
        { kind: 'lookup', name: 'OpportunityId', label: 'Opportunity ID', referenceTo: 'Opportunity', relationshipName: 'Opportunity', required: true },
        CREATE_ONLY,
        { restrictedDelete: false }
      ),
      standardField({ kind: 'int', name: 'SortOrder', label: 'Sort Order' }, READ_ONLY),
      standardField(
        { kind: 'lookup', name: 'PricebookEntryId', label: 'Price Book Entry ID', referenceTo: 'PricebookEntry', relationshipName: 'PricebookEntry' },
        CREATE_ONLY
      ),
      standardField({ kind: 'lookup', name: 'Product2Id', label: 'Product ID', referenceTo: 'Product2', relationshipName: 'Product2' }, CREATE_ONLY),
      standardField({ kind: 'text', name: 'ProductCode', label: 'Product Code', length: 255 }, READ_ONLY),
      standardField({ kind: 'text', name: 'Name', label: 'Opportunity Product Name', length: 376 }, READ_ONLY, { nameField: true }),
      standardField({ kind: 'double', name: 'Quantity', label: 'Quantity', precision: 12, scale: 2, required: true }),
      standardField({ kind: 'currency', name: 'TotalPrice', label: 'Total Price', precision: 16, scale: 2 }, DEFAULTED),
      standardField({ kind: 'currency', name: 'UnitPrice', label: 'Sales Price', precision: 18, scale: 2 }, DEFAULTED),
      standardField({ kind: 'currency', name: 'ListPrice', label: 'List Price', precision: 18, scale: 2 }, READ_ONLY),
      standardField({ kind: 'date', name: 'ServiceDate', label: 'Date' }),
      standardField({ kind: 'text', name: 'Description', label: 'Line Description', length: 255 }),
    ],
    trailingFields: [isDeletedField()],
    parentRelationships: {
      // Entries in use cannot be deleted; the line items keep the price they were sold at.
      PricebookEntryId: { relationshipName: 'OpportunityLineItems', cascadeDelete: false, restrictedDelete: true },
      Product2Id: { relationshipName: null, cascadeDelete: false, restrictedDelete: true },
    },
  });
}
