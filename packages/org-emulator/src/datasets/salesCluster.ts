/**
 * One customer family of sales data: a three-level account hierarchy (ParentId), contacts with a
 * ReportsTo chain, opportunities with line items from the catalog, cases (one a child case) and a lead.
 */
import type { SeedContext } from './seedContext.js';
import { CITIES, COMPANY_KINDS, COMPANY_ROOTS, COMPANY_SUFFIXES, FIRST_NAMES, INDUSTRIES, LAST_NAMES } from './vocabulary.js';

export type SalesRefs = {
  topAccountId: string;
  accountIds: string[];
  contactIds: string[];
  opportunityIds: string[];
  caseIds: string[];
  leadId: string;
};

const CUSTOMER_TYPES = ['Prospect', 'Customer - Direct', 'Customer - Channel'] as const;
const PARTNER_TYPES = ['Channel Partner / Reseller', 'Installation Partner', 'Technology Partner'] as const;
const OPEN_STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote'] as const;
const CLOSED_STAGES = ['Closed Won', 'Closed Lost'] as const;

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function seedAccounts(ctx: SeedContext): string[] {
  const { random } = ctx;
  const number = ctx.nextNumber('account-family');
  // Every third family is a partner: both record types at every dataset size, in a fixed proportion.
  const isPartner = number % 3 === 0;
  const recordTypeId = ctx.target.recordTypeId('Account', isPartner ? 'Partner' : 'Customer');
  const root = `${random.pick(COMPANY_ROOTS)} ${random.pick(COMPANY_KINDS)}`;
  const account = (name: string, parentId: string | null): string =>
    ctx.insert('Account', {
      Name: name,
      RecordTypeId: recordTypeId,
      Type: random.pick(isPartner ? PARTNER_TYPES : CUSTOMER_TYPES),
      Industry: random.pick(INDUSTRIES),
      BillingCity: random.pick(CITIES),
      NumberOfEmployees: random.int(20, 5000),
      AccountNumber: `ACC-${String(number).padStart(6, '0')}-${parentId ? ctx.nextNumber('account-child') : 0}`,
      ParentId: parentId,
      OwnerId: ctx.owner(),
    });
  const top = account(`${root} ${random.pick(COMPANY_SUFFIXES)} #${number}`, null);
  const europe = account(`${root} Europe #${number}`, top);
  const americas = account(`${root} Americas #${number}`, top);
  const france = account(`${root} France #${number}`, europe);
  return [top, europe, americas, france];
}

function person(ctx: SeedContext): { FirstName: string; LastName: string; Email: string } {
  const firstName = ctx.random.pick(FIRST_NAMES);
  const lastName = ctx.random.pick(LAST_NAMES);
  const number = ctx.nextNumber('person');
  return { FirstName: firstName, LastName: lastName, Email: `${firstName}.${lastName}.${number}@example.com`.toLowerCase() };
}

/** Three contacts in a ReportsTo chain at the top account, a manager and report at the first subsidiary. */
function seedContacts(ctx: SeedContext, accountIds: string[]): string[] {
  const contact = (accountId: string, reportsToId: string | null, title: string): string =>
    ctx.insert('Contact', { ...person(ctx), AccountId: accountId, ReportsToId: reportsToId, Title: title, OwnerId: ctx.owner() });
  const ceo = contact(accountIds[0], null, 'CEO');
  const vp = contact(accountIds[0], ceo, 'VP Operations');
  const buyer = contact(accountIds[0], vp, 'Buyer');
  const manager = contact(accountIds[1], null, 'Country Manager');
  const assistant = contact(accountIds[1], manager, 'Purchasing Assistant');
  return [ceo, vp, buyer, manager, assistant];
}

/** Two opportunities at the top account and one at a subsidiary, each with two line items. */
function seedOpportunities(ctx: SeedContext, accountIds: string[], contactIds: string[]): string[] {
  const { random } = ctx;
  const catalog = ctx.catalog;
  return [accountIds[0], accountIds[0], accountIds[1]].map((accountId, index) => {
    const closed = random.chance(0.4);
    const opportunityId = ctx.insert('Opportunity', {
      Name: `${['Fleet renewal', 'Warehouse automation', 'Route optimisation'][index]} ${ctx.nextNumber('opportunity')}`,
      AccountId: accountId,
      ContactId: contactIds[index],
      StageName: random.pick(closed ? CLOSED_STAGES : OPEN_STAGES),
      CloseDate: isoDate(2024 + random.int(0, 1), random.int(1, 12), random.int(1, 28)),
      Pricebook2Id: catalog?.pricebookId ?? null,
      OwnerId: ctx.owner(),
    });
    for (let line = 0; catalog && line < 2; line++) {
      const entry = random.pick(catalog.entries);
      ctx.insert('OpportunityLineItem', {
        OpportunityId: opportunityId,
        PricebookEntryId: entry.pricebookEntryId,
        Quantity: random.int(1, 20),
        UnitPrice: entry.unitPrice,
      });
    }
    return opportunityId;
  });
}

/** A case at the top account and a child case (ParentId) at a subsidiary. */
function seedCases(ctx: SeedContext, accountIds: string[], contactIds: string[]): string[] {
  const parent = ctx.insert('Case', {
    Subject: 'Conveyor stops under load',
    AccountId: accountIds[0],
    ContactId: contactIds[2],
    Status: 'Working',
    Origin: 'Phone',
    Priority: 'High',
    OwnerId: ctx.owner(),
  });
  const child = ctx.insert('Case', {
    Subject: 'Replacement part shipment',
    AccountId: accountIds[2],
    ContactId: contactIds[0],
    ParentId: parent,
    Status: 'New',
    Origin: 'Email',
    Priority: 'Medium',
    OwnerId: ctx.owner(),
  });
  return [parent, child];
}

function seedLead(ctx: SeedContext): string {
  return ctx.insert('Lead', {
    ...person(ctx),
    Company: `${ctx.random.pick(COMPANY_ROOTS)} ${ctx.random.pick(COMPANY_KINDS)}`,
    Status: 'Open - Not Contacted',
    LeadSource: 'Web',
    OwnerId: ctx.owner(),
  });
}

export function seedSalesCluster(ctx: SeedContext): SalesRefs {
  const accountIds = seedAccounts(ctx);
  const contactIds = seedContacts(ctx, accountIds);
  return {
    topAccountId: accountIds[0],
    accountIds,
    contactIds,
    opportunityIds: seedOpportunities(ctx, accountIds, contactIds),
    caseIds: seedCases(ctx, accountIds, contactIds),
    leadId: seedLead(ctx),
  };
}
