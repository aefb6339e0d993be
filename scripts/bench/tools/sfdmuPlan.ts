/**
 * SFDMU's export.json for the bench template: the same objects, fields (lookups included) and filters, org to
 * org by instance URL and access token, Insert into the empty target. SFDMU resolves lookups through the
 * source ids it has inserted and re-links self-references and cycles with its own update pass.
 */
import type { RemoteOrg } from '@sf-isync/org-emulator';
import type { BenchTemplate } from '../template.js';

export type SfdmuPlan = {
  orgs: Array<{ name: string; instanceUrl: string; accessToken: string }>;
  pollingIntervalMs: number;
  bulkThreshold: number;
  createTargetCSVFiles: boolean;
  objects: Array<{ query: string; operation: 'Insert' | 'Upsert'; externalId: string }>;
};

/**
 * SFDMU polls each Bulk job every 5 s by default; 200 ms keeps its sleeps from dominating (the emulator's
 * jobs finish in what the cost model charges).
 */
export const SFDMU_POLLING_MS = 200;

/**
 * Where SFDMU needs Upsert semantics to do what the template says. Price book entries of the Standard Price
 * Book point at a price book that the template does not copy (`IsStandard = false`): isync finds it in the
 * target by name, SFDMU only through a Pricebook2 object that reads it and matches it by Name, which it
 * then writes (Upsert) with the custom price book.
 */
const SFDMU_NEEDS: Partial<Record<string, SfdmuPlan['objects'][number]>> = {
  Pricebook2: { query: 'SELECT Id, Name, IsActive, Description FROM Pricebook2', operation: 'Upsert', externalId: 'Name' },
};

export function sfdmuPlan(template: BenchTemplate, source: RemoteOrg, target: RemoteOrg): SfdmuPlan {
  return {
    orgs: [
      { name: 'source', instanceUrl: source.instanceUrl, accessToken: source.accessToken },
      { name: 'target', instanceUrl: target.instanceUrl, accessToken: target.accessToken },
    ],
    pollingIntervalMs: SFDMU_POLLING_MS,
    // The same switch to Bulk API 2.0 as isync's, from the same template option.
    bulkThreshold: template.bulkThreshold,
    // Its copy of every written record as CSV is optional work that isync does not do.
    createTargetCSVFiles: false,
    objects: template.objects.map(
      (object) =>
        SFDMU_NEEDS[object.name] ?? {
          query: `SELECT Id, ${object.fields.join(', ')} FROM ${object.name}${object.where ? ` WHERE ${object.where}` : ''}`,
          // Insert matches nothing in the target: SFDMU keys the records by Id whatever is given here.
          operation: 'Insert',
          externalId: 'Id',
        }
    ),
  };
}
