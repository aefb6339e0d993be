/**
 * One family of the custom objects, tied to a sales family: a supplier with a branch (self-reference whose
 * validation rule needs the parent at insert), shipments (required lookup), a project with tasks
 * (master-detail) and assignments (junction), a team (two-object cycle) and a warehouse, route and carrier
 * (three-object cycle). Cycles are closed with `update` once every member exists, the only order a real
 * org accepts.
 */
import type { SalesRefs } from './salesCluster.js';
import type { SeedContext } from './seedContext.js';
import { CITIES, COMPANY_ROOTS } from './vocabulary.js';

export type OperationsRefs = { projectId: string; supplierIds: string[] };

const MANUFACTURER_CATEGORIES = ['Raw Materials', 'Components', 'Packaging'] as const;
const SERVICE_CATEGORIES = ['Logistics', 'Consulting'] as const;

function seedSuppliers(ctx: SeedContext, accountId: string): string[] {
  const { random } = ctx;
  // Three manufacturers for two service providers, deterministic so both record types always occur.
  const manufacturer = ctx.nextNumber('supplier-family') % 5 < 3;
  const recordTypeId = ctx.target.recordTypeId('Supplier__c', manufacturer ? 'Manufacturer' : 'Service_Provider');
  const categories = manufacturer ? MANUFACTURER_CATEGORIES : SERVICE_CATEGORIES;
  const root = random.pick(COMPANY_ROOTS);
  const supplier = (name: string, type: string, parentId: string | null): string => {
    const number = ctx.nextNumber('supplier');
    return ctx.insert('Supplier__c', {
      Name: name,
      RecordTypeId: recordTypeId,
      External_Id__c: ctx.externalId('SUP'),
      Tax_Number__c: `TX${String(number).padStart(8, '0')}`,
      Type__c: type,
      Category__c: random.pick(categories),
      Parent_Supplier__c: parentId,
      Account__c: accountId,
      Active__c: random.chance(0.9),
      Annual_Spend__c: random.int(10, 900) * 1000,
      On_Time_Rate__c: random.int(70, 100),
      OwnerId: ctx.owner(),
    });
  };
  const headquarters = supplier(`${root} Supply`, 'Headquarters', null);
  const branch = supplier(`${root} Supply - ${random.pick(CITIES)}`, 'Branch', headquarters);
  return [headquarters, branch];
}

/** Warehouse -> Route -> Carrier -> Warehouse: only Carrier's edge is required, so it is the one set at insert. */
function seedWarehouseCycle(ctx: SeedContext): string {
  const city = ctx.random.pick(CITIES);
  const warehouseId = ctx.insert('Warehouse__c', { Name: `${city} Hub`, City__c: city, External_Id__c: ctx.externalId('WH'), OwnerId: ctx.owner() });
  const carrierId = ctx.insert('Carrier__c', {
    Name: `${city} Freight`,
    Home_Warehouse__c: warehouseId,
    SCAC_Code__c: `C${String(ctx.nextNumber('carrier') % 1000).padStart(3, '0')}`,
    OwnerId: ctx.owner(),
  });
  const routeId = ctx.insert('Route__c', { Name: `${city} Ring`, Carrier__c: carrierId, Distance_Km__c: ctx.random.int(5, 900), OwnerId: ctx.owner() });
  ctx.update('Warehouse__c', warehouseId, { Default_Route__c: routeId });
  return warehouseId;
}

function seedShipments(ctx: SeedContext, supplierIds: string[], warehouseId: string): void {
  for (const supplierId of supplierIds) {
    ctx.insert('Shipment__c', {
      Supplier__c: supplierId,
      Warehouse__c: warehouseId,
      External_Id__c: ctx.externalId('SHP'),
      Status__c: ctx.random.pick(['Planned', 'In Transit', 'Delivered']),
      Weight_Kg__c: ctx.random.int(10, 20_000) / 10,
      OwnerId: ctx.owner(),
    });
  }
}

function seedProject(ctx: SeedContext, sales: SalesRefs): string {
  const projectId = ctx.insert('Project__c', {
    Name: `Rollout ${ctx.nextNumber('project')}`,
    Account__c: sales.topAccountId,
    External_Id__c: ctx.externalId('PRJ'),
    Status__c: ctx.random.pick(['Draft', 'Active', 'On Hold', 'Closed']),
    Budget__c: ctx.random.int(20, 500) * 1000,
    OwnerId: ctx.owner(),
  });
  for (const name of ['Site survey', 'Installation', 'Training']) {
    ctx.insert('Project_Task__c', { Name: name, Project__c: projectId, Estimate_Hours__c: ctx.random.int(4, 80), Done__c: ctx.random.chance(0.3) });
  }
  ctx.insert('Project_Assignment__c', { Project__c: projectId, Contact__c: sales.contactIds[0], Role__c: 'Lead', Allocation__c: 50 });
  ctx.insert('Project_Assignment__c', { Project__c: projectId, Contact__c: sales.contactIds[1], Role__c: 'Contributor', Allocation__c: 100 });
  return projectId;
}

/** Team <-> Team_Member: members point to the team at insert, the captain is set afterwards. */
function seedTeamCycle(ctx: SeedContext, sales: SalesRefs): void {
  const teamId = ctx.insert('Team__c', { Name: `Account Team ${ctx.nextNumber('team')}`, External_Id__c: ctx.externalId('TEAM'), OwnerId: ctx.owner() });
  const memberIds = sales.contactIds
    .slice(0, 3)
    .map((contactId) => ctx.insert('Team_Member__c', { Team__c: teamId, Contact__c: contactId, External_Id__c: ctx.externalId('TM'), OwnerId: ctx.owner() }));
  ctx.update('Team__c', teamId, { Captain__c: memberIds[0] });
}

export function seedOperationsCluster(ctx: SeedContext, sales: SalesRefs): OperationsRefs {
  const supplierIds = seedSuppliers(ctx, sales.topAccountId);
  const warehouseId = seedWarehouseCycle(ctx);
  seedShipments(ctx, supplierIds, warehouseId);
  const projectId = seedProject(ctx, sales);
  seedTeamCycle(ctx, sales);
  return { projectId, supplierIds };
}
