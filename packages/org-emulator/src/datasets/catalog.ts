/**
 * The records the other data hangs off: a few users to own records (with a manager chain) and a product
 * catalog with a price book and its entries.
 */
import type { SeedContext } from './seedContext.js';
import { FIRST_NAMES, LAST_NAMES, PRODUCTS } from './vocabulary.js';

/** Partners buy at 85% of the standard price. */
const PARTNER_DISCOUNT = 0.85;

/** Lower-case letters and digits only, so the suffix is valid in a username's domain. */
export function usernameSuffix(raw: string): string {
  return raw.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Users named after FIRST_NAMES/LAST_NAMES, each managed by the previous one; they become owners. */
export function seedUsers(ctx: SeedContext, count: number, suffix: string): void {
  const profileId = ctx.target.profileId('Standard User');
  let managerId: string | undefined;
  for (let index = 0; index < count; index++) {
    const firstName = FIRST_NAMES[index % FIRST_NAMES.length];
    const lastName = LAST_NAMES[index % LAST_NAMES.length];
    const login = `${firstName}.${lastName}`.toLowerCase();
    const id = ctx.insert('User', {
      FirstName: firstName,
      LastName: lastName,
      Username: `${login}@demo-${suffix}.example.com`,
      Email: `${login}@example.com`,
      Alias: `${firstName.slice(0, 1)}${lastName.slice(0, 4)}`.toLowerCase(),
      TimeZoneSidKey: 'Europe/Paris',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
      ProfileId: profileId,
      Title: index === 0 ? 'Sales Director' : 'Account Executive',
      ManagerId: managerId ?? null,
    });
    managerId ??= id;
    ctx.owners.push(id);
  }
}

/**
 * Active products, each with its standard price (in the org's Standard Price Book, which a custom price
 * requires) and a discounted price in one custom price book, which the opportunities use.
 */
export function seedCatalog(ctx: SeedContext): void {
  const standardPricebookId = ctx.target.standardPricebookId();
  const pricebookId = ctx.insert('Pricebook2', {
    Name: 'Partner Price Book',
    IsActive: true,
    Description: 'Prices for reseller deals',
  });
  const entries = PRODUCTS.map((product) => {
    const productId = ctx.insert('Product2', {
      Name: product.name,
      ProductCode: product.code,
      Family: product.family,
      IsActive: true,
    });
    ctx.insert('PricebookEntry', { Pricebook2Id: standardPricebookId, Product2Id: productId, UnitPrice: product.price, IsActive: true });
    const partnerPrice = Math.round(product.price * PARTNER_DISCOUNT * 100) / 100;
    const pricebookEntryId = ctx.insert('PricebookEntry', {
      Pricebook2Id: pricebookId,
      Product2Id: productId,
      UnitPrice: partnerPrice,
      IsActive: true,
    });
    return { productId, pricebookEntryId, unitPrice: partnerPrice };
  });
  ctx.catalog = { pricebookId, entries };
}
