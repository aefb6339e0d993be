/**
 * Salesforce's price book rules. Every org has one "Standard Price Book" (Pricebook2.IsStandard, which
 * clients cannot set), created with the org. A product gets a price in a custom price book only once it has
 * one in the standard price book (STANDARD_PRICE_NOT_DEFINED), and at most one price per price book.
 * Whether the standard price is active is not checked.
 */
import type { StoredRecord } from '../soql/types.js';
import { RecordError } from './dmlErrors.js';
import type { OrgContext } from './orgContext.js';

export const STANDARD_PRICE_BOOK_NAME = 'Standard Price Book';

/** The standard price book's id; undefined when the schema has no price books. Price books are few: a scan is cheap. */
export function standardPricebookId(ctx: Pick<OrgContext, 'store'>): string | undefined {
  for (const pricebook of ctx.store.scan('Pricebook2', false)) if (pricebook.IsStandard === true) return pricebook.Id;
  return undefined;
}

/** Rules on a PricebookEntry about to be inserted (its price book and product are create-only). */
export function checkNewPricebookEntry(ctx: OrgContext, entry: StoredRecord): void {
  const productId = entry.Product2Id;
  const pricebookId = entry.Pricebook2Id;
  if (typeof productId !== 'string' || typeof pricebookId !== 'string') return;
  const prices = ctx.store.findChildren('PricebookEntry', 'Product2Id', productId) ?? [];
  if (prices.some((price) => price.Pricebook2Id === pricebookId)) {
    throw new RecordError([{ statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'This price definition already exists in this price book', fields: [] }]);
  }
  const standardId = standardPricebookId(ctx);
  if (pricebookId !== standardId && !prices.some((price) => price.Pricebook2Id === standardId)) {
    throw new RecordError([{ statusCode: 'STANDARD_PRICE_NOT_DEFINED', message: 'Before creating a custom price, create a standard price.', fields: [] }]);
  }
}
