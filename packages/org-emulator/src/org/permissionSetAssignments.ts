/**
 * The platform's rule on PermissionSetAssignment: a user holds a permission set once. A second assignment of
 * the same set to the same user fails with DUPLICATE_VALUE `Duplicate PermissionSetAssignment. Assignee:
 * <user id>; Permission Set: <set id>` (the text `sf org assign permset` reports and scripts match on, e.g.
 * the mocks of public repositories; the ids' length, 15 here, is UNCONFIRMED: see the README).
 */
import type { StoredRecord } from '../soql/types.js';
import { RecordError } from './dmlErrors.js';
import type { OrgContext } from './orgContext.js';

export function checkNewAssignment(ctx: OrgContext, assignment: StoredRecord): void {
  const { AssigneeId: assignee, PermissionSetId: permissionSet } = assignment;
  if (typeof assignee !== 'string' || typeof permissionSet !== 'string') return;
  // Assignments are indexed by their permission set (deletable), not by their user (User rows are not deleted).
  const ofSet = ctx.store.findChildren('PermissionSetAssignment', 'PermissionSetId', permissionSet) ?? ctx.store.scan('PermissionSetAssignment', false);
  if (![...ofSet].some((row) => row.AssigneeId === assignee && row.PermissionSetId === permissionSet)) return;
  const message = `Duplicate PermissionSetAssignment. Assignee: ${assignee.slice(0, 15)}; Permission Set: ${permissionSet.slice(0, 15)}`;
  throw new RecordError([{ statusCode: 'DUPLICATE_VALUE', message, fields: [] }]);
}
