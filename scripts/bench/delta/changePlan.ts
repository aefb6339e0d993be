/**
 * What the `isync-delta` bench changes in the source between the full sync and the measured delta: how many
 * records of each object (spread over the objects), which ones (seeded, so every run of a size picks the same),
 * and each changed field's new value. Pure: the REST side is in sourceEdits.ts.
 */

import { SeededRandom } from '@sf-isync/org-emulator';

/**
 * The field changed in each object of the bench template: never part of the object's match key (a changed key
 * would make the delta insert a new record instead of updating one) and never a field the dataset leaves to the
 * org (auto numbers, formulas). Two are lookups, so a delta also has to map a changed parent.
 */
export const CHANGED_FIELD: Readonly<Record<string, string>> = {
  Account: 'BillingCity',
  Contact: 'Title',
  Lead: 'Company',
  Opportunity: 'CloseDate',
  Case: 'Priority',
  Task: 'ActivityDate',
  Product2: 'Family',
  Pricebook2: 'Description',
  PricebookEntry: 'UnitPrice',
  OpportunityLineItem: 'UnitPrice',
  Supplier__c: 'Annual_Spend__c',
  Shipment__c: 'Weight_Kg__c',
  Project__c: 'Budget__c',
  Project_Task__c: 'Estimate_Hours__c',
  Project_Assignment__c: 'Role__c',
  Team__c: 'Name',
  Team_Member__c: 'Team__c',
  Warehouse__c: 'City__c',
  Route__c: 'Distance_Km__c',
  Carrier__c: 'Home_Warehouse__c',
};

/**
 * Objects whose records are never deleted by the bench: the catalog (a product's standard price cannot go while
 * other prices exist, a price book entry is held by line items), set up once and rarely deleted in real orgs.
 */
export const NEVER_DELETED: ReadonlySet<string> = new Set(['Product2', 'Pricebook2', 'PricebookEntry']);

/** `fraction` of `records`, at least one when the fraction is not zero: 1% of 10,000 is 100, 0.1% is 10. */
export function shareOf(records: number, fraction: number): number {
  return fraction === 0 ? 0 : Math.max(1, Math.round(records * fraction));
}

/**
 * How many of `total` go to each object: one to every object that has a candidate (so every object's delta is
 * exercised), the rest in proportion to the candidates (largest remainder), never more than an object has.
 */
export function allocate(total: number, available: Readonly<Record<string, number>>): Record<string, number> {
  const objects = Object.keys(available).filter((object) => available[object] > 0);
  const capacity = objects.reduce((sum, object) => sum + available[object], 0);
  if (total > capacity) throw new Error(`cannot pick ${total} records from ${capacity} candidates`);
  const counts: Record<string, number> = Object.fromEntries(objects.map((object) => [object, 0]));
  let left = total;
  for (const object of objects) {
    if (left === 0) break;
    counts[object] = 1;
    left -= 1;
  }
  while (left > 0) {
    const room = objects.filter((object) => counts[object] < available[object]);
    const roomTotal = room.reduce((sum, object) => sum + available[object] - counts[object], 0);
    const shares = room.map((object) => ({ object, exact: (left * (available[object] - counts[object])) / roomTotal }));
    let given = 0;
    for (const share of shares) {
      const whole = Math.min(Math.floor(share.exact), available[share.object] - counts[share.object]);
      counts[share.object] += whole;
      given += whole;
    }
    // The remainders, largest first, one each (ties to the first object): at least one record per round.
    const byRemainder = shares
      .filter((share) => counts[share.object] < available[share.object])
      .sort((a, b) => (b.exact % 1) - (a.exact % 1) || objects.indexOf(a.object) - objects.indexOf(b.object));
    for (const share of byRemainder.slice(0, Math.max(0, left - given))) counts[share.object] += 1;
    left = total - Object.values(counts).reduce((a, b) => a + b, 0);
  }
  return counts;
}

/** The emulator's seeded generator (mulberry32), so the picks are the same for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

/** `count` items of `items`, chosen at random by `random` (a partial Fisher-Yates shuffle of a copy). */
export function pick<T>(items: readonly T[], count: number, random: () => number): T[] {
  const copy = [...items];
  const picked = Math.min(count, copy.length);
  for (let index = 0; index < picked; index += 1) {
    const other = index + Math.floor(random() * (copy.length - index));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy.slice(0, picked);
}

/** What a new value is made from: the field's describe type, its picklist values, the ids a lookup may take. */
export type FieldShape = { type: string; picklistValues?: string[]; referenceIds?: readonly string[] };

const DAY_MS = 86_400_000;

/**
 * A value of the field that differs from `current`, as a user's edit would set it. `serial` makes text values
 * distinct record by record. Dates move by a year, so a changed record does not take another record's value.
 */
export function changedValue(shape: FieldShape, current: unknown, serial: number): string | number | boolean {
  switch (shape.type) {
    case 'string':
    case 'textarea':
      return `Changed ${serial}`;
    case 'double':
    case 'currency':
    case 'percent':
    case 'int':
      return typeof current === 'number' ? current + 1 : 1;
    case 'date':
      return new Date((typeof current === 'string' ? Date.parse(current) : Date.UTC(2025, 0, 1)) + 366 * DAY_MS).toISOString().slice(0, 10);
    case 'boolean':
      return current !== true;
    case 'picklist':
      return other(shape.picklistValues ?? [], current, 'picklist values');
    case 'reference':
      return other(shape.referenceIds ?? [], current, 'records to point to');
    default:
      throw new Error(`no rule to change a ${shape.type} field`);
  }
}

/** The value after `current` in `values` (the first when `current` is not among them). */
function other(values: readonly string[], current: unknown, what: string): string {
  const choices = values.filter((value) => value !== current);
  if (choices.length === 0) throw new Error(`no other ${what} than ${String(current)}`);
  const at = values.indexOf(current as string);
  return at < 0 ? choices[0] : (values.slice(at + 1).find((value) => value !== current) ?? choices[0]);
}
