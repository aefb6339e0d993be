/**
 * Test support: a tiny SOQL runner over FakeDml's records, for `SELECT a, b, Parent.c FROM X [WHERE f IN (…)]`
 * (what lookup resolution and the query-job tests send). Unknown fields throw like the SOQL engine does.
 */
import { SoqlError, type SoqlResult } from '../../src/soql/types.js';
import type { FakeDml, FakeRecord } from './fakeDml.js';
import { describeFakeObject } from './fakeSchema.js';

const QUERY = /^SELECT (.+?) FROM (\w+)(?: WHERE (\w+) IN \((.*)\))?$/i;

/** The parent row behind `Account.Name`: the record whose id is in the child's `AccountId`. */
function parentOf(record: FakeRecord, relationship: string, dml: FakeDml): { objectName: string; record: FakeRecord } | undefined {
  const id = record[`${relationship}Id`];
  return typeof id === 'string' ? dml.records.get(id) : undefined;
}

function restRow(objectName: string, record: FakeRecord, columns: string[], dml: FakeDml): Record<string, unknown> {
  const row: Record<string, unknown> = { attributes: { type: objectName, url: `/services/data/v62.0/sobjects/${objectName}/${record.Id}` } };
  for (const column of columns) {
    const [first, second] = column.split('.');
    const parent = second === undefined ? undefined : parentOf(record, first, dml);
    if (second === undefined) row[first] = record[first] ?? null;
    else row[first] = parent ? { attributes: { type: parent.objectName }, [second]: parent.record[second] ?? null } : null;
  }
  return row;
}

export function fakeQuery(dml: FakeDml, soql: string): SoqlResult {
  const match = QUERY.exec(soql.trim());
  if (!match) throw new SoqlError('MALFORMED_QUERY', `unexpected token: ${soql}`);
  const [, selectList, objectName, filterField, filterValues] = match;
  const object = describeFakeObject(objectName);
  if (!object) throw new SoqlError('INVALID_TYPE', `sObject type '${objectName}' is not supported.`);
  const columns = selectList.split(',').map((column) => column.trim());
  for (const column of columns) {
    if (!column.includes('.') && !object.fields.some((field) => field.name === column)) {
      throw new SoqlError('INVALID_FIELD', `No such column '${column}' on entity '${object.name}'.`);
    }
  }
  const wanted = filterValues?.split(',').map((value) => value.trim().replace(/^'|'$/g, '').toLowerCase());
  const records = dml
    .all(object.name)
    .filter((record) => !wanted || wanted.includes(String(record[filterField]).toLowerCase()))
    .map((record) => restRow(object.name, record, columns, dml));
  return { records, totalSize: records.length, objectName: object.name, columns };
}
