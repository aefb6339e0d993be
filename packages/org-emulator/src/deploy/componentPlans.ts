/**
 * Plans every component of a deploy in the order Salesforce deploys them: an object's fields, then its record
 * types (which may name the new fields' values), then permission sets (which may grant the new fields and
 * record types), then the rest (Apex triggers). A component sees what the components planned before it create;
 * one that failed creates nothing, so what depends on it fails too.
 */
import type { AutomationRegistry } from '../automation/registry.js';
import type { OrgState } from '../org/orgState.js';
import type { MetadataDeployContext } from './customObjectComponents.js';
import type { PackageMember } from './deployPackage.js';
import { planField } from './fieldDeploy.js';
import { planPermissionSet } from './permissionSetDeploy.js';
import { planRecordType } from './recordTypeDeploy.js';
import { planComponent, type PlannedComponent } from './triggerDeploy.js';

const ORDER = ['CustomField', 'RecordType', 'PermissionSet'];

const rank = (member: PackageMember): number => {
  const at = ORDER.indexOf(member.type);
  return at < 0 ? ORDER.length : at;
};

export function planComponents(members: PackageMember[], org: OrgState, registry: AutomationRegistry, createdDate: string): PlannedComponent[] {
  const ctx: MetadataDeployContext = { org, createdDate, fields: new Map(), recordTypes: new Map() };
  return [...members]
    .sort((a, b) => rank(a) - rank(b))
    .map((member) => {
      if (member.type === 'CustomField') return planField(member, ctx);
      if (member.type === 'RecordType') return planRecordType(member, ctx);
      if (member.type === 'PermissionSet') return planPermissionSet(member, ctx);
      return planComponent(member, registry, createdDate);
    });
}
