/**
 * sObject Tree (`composite/tree/{T}`): nested parent/child records created all-or-nothing, at most 200 in
 * all; children hang under the parent's child relationship name and get the parent's id in their field.
 */
import { parseJsonBody } from '../http/body.js';
import { notFound } from '../http/router.js';
import { apiError, type EmulatorRequest, type EmulatorResponse } from '../http/types.js';
import type { DmlError } from '../org/dmlTypes.js';
import type { RestContext } from './restContext.js';

export const TREE_LIMIT = 200;

type TreeRecord = Record<string, unknown> & { attributes?: { type?: string; referenceId?: string } };
type Outcome = { referenceId: string; id?: string; errors?: DmlError[] };

function countRecords(records: TreeRecord[]): number {
  let n = 0;
  for (const record of records) {
    n += 1;
    for (const value of Object.values(record)) {
      const nested = (value as { records?: unknown } | null)?.records;
      if (Array.isArray(nested)) n += countRecords(nested as TreeRecord[]);
    }
  }
  return n;
}

function insertTree(ctx: RestContext, objectName: string, records: TreeRecord[], parent: { field: string; id: string } | undefined, out: Outcome[]): void {
  const info = ctx.org.schema.object(objectName)!;
  const relationships = new Map(
    ctx.org.schema
      .childRelationships(info.name)
      .filter((r) => r.relationshipName)
      .map((r) => [r.relationshipName!.toLowerCase(), r])
  );
  for (const record of records) {
    const referenceId = record.attributes?.referenceId ?? '';
    const fields: Record<string, unknown> = {};
    const children: Array<{ childObject: string; field: string; records: TreeRecord[] }> = [];
    for (const [key, value] of Object.entries(record)) {
      const relationship = relationships.get(key.toLowerCase());
      const nested = (value as { records?: unknown } | null)?.records;
      if (relationship && Array.isArray(nested))
        children.push({ childObject: relationship.childSObject, field: relationship.field, records: nested as TreeRecord[] });
      else fields[key] = value;
    }
    if (parent) fields[parent.field] = parent.id;
    const [result] = ctx.org.engine.insert(info.name, [fields], { allOrNone: false });
    out.push(result.success ? { referenceId, id: result.id! } : { referenceId, errors: result.errors });
    if (!result.success) continue;
    for (const child of children) insertTree(ctx, child.childObject, child.records, { field: child.field, id: result.id! }, out);
  }
}

export function tree(req: EmulatorRequest, ctx: RestContext, [objectName]: string[]): EmulatorResponse {
  const info = ctx.org.schema.object(objectName);
  if (!info) return notFound();
  const parsed = parseJsonBody<{ records?: TreeRecord[] }>(req.body);
  if (!parsed.ok) return parsed.response;
  const records = parsed.value.records;
  if (!Array.isArray(records)) return apiError(400, 'INVALID_API_INPUT', "The request body must contain a 'records' array.");
  if (countRecords(records) > TREE_LIMIT)
    return apiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${TREE_LIMIT} records into this call`);
  const journal = ctx.org.store.journal;
  const savepoint = journal.savepoint();
  const outcomes: Outcome[] = [];
  insertTree(ctx, info.name, records, undefined, outcomes);
  const failed = outcomes.filter((o) => o.errors);
  if (failed.length > 0) {
    journal.rollback(savepoint);
    return { status: 400, body: { hasErrors: true, results: failed.map((o) => ({ referenceId: o.referenceId, errors: o.errors })) } };
  }
  journal.release();
  return { status: 201, body: { hasErrors: false, results: outcomes.map((o) => ({ referenceId: o.referenceId, id: o.id })) } };
}
