import { expect } from 'chai';
import { queryOrg, type OrgPair } from '../../harness/emulatedOrgs.js';
import type { RemoteOrg } from '@sf-isync/org-emulator';

/** The objects people migrate most: two without a natural key (Case, Task), matched by history. */
export const OBJECTS = ['Account', 'Contact', 'Opportunity', 'Case', 'Task'];

/** Each object's fields and lookups compared (lookups by what their parent is, not by id). */
const SHAPES: Record<string, { fields: string[]; lookups: string[] }> = {
  Account: { fields: ['Name', 'Industry'], lookups: ['ParentId'] },
  Contact: { fields: ['LastName', 'Email'], lookups: ['AccountId'] },
  Opportunity: { fields: ['Name', 'StageName', 'CloseDate'], lookups: ['AccountId'] },
  Case: { fields: ['Subject', 'Status', 'Description'], lookups: ['AccountId', 'ContactId', 'ParentId'] },
  Task: { fields: ['Subject', 'ActivityDate', 'Status'], lookups: ['WhatId', 'WhoId'] },
};

/** Id -> what the record is, in one org: its object and own fields, without lookups (they differ by org). */
async function identities(org: RemoteOrg): Promise<Map<string, string>> {
  const byId = new Map<string, string>();
  for (const object of OBJECTS) {
    const { fields } = SHAPES[object];
    for (const row of await queryOrg(org, `SELECT Id, ${fields.join(', ')} FROM ${object}`)) {
      byId.set(String(row.Id), `${object}(${fields.map((field) => String(row[field])).join('|')})`);
    }
  }
  return byId;
}

/** Every record of the objects as text: its fields, and each lookup as its parent's identity. */
async function signatures(org: RemoteOrg, object: string, parentIdentity: Map<string, string>): Promise<string[]> {
  const { fields, lookups } = SHAPES[object];
  const rows = await queryOrg(org, `SELECT ${[...fields, ...lookups].join(', ')} FROM ${object}`);
  return rows
    .map((row) => {
      const own = fields.map((field) => String(row[field])).join('|');
      // A lookup to an object outside OBJECTS (a Lead, a Project__c) is left empty in the target.
      const parents = lookups.map((field) => (typeof row[field] === 'string' ? (parentIdentity.get(row[field]) ?? 'outside') : 'none'));
      return `${own} -> ${parents.join(', ')}`;
    })
    .sort();
}

/**
 * The target holds each source record of OBJECTS exactly once, with the same fields, and every lookup points
 * to the same record; lookups to objects outside the sync are empty in the target.
 */
export async function expectSameRecords(pair: OrgPair): Promise<void> {
  const [sourceIds, targetIds] = await Promise.all([identities(pair.source), identities(pair.target)]);
  for (const object of OBJECTS) {
    const [source, target] = await Promise.all([signatures(pair.source, object, sourceIds), signatures(pair.target, object, targetIds)]);
    expect(target, object).to.deep.equal(source.map((line) => line.replace(/\boutside\b/g, 'none')));
  }
}
