/** Test support: reads recorded Salesforce responses from shared/salesforce-fixtures. */
import { readFileSync } from 'node:fs';
import { fixturePath } from '../fixtures.js';

/** A fixture file, e.g. readFixture('query/netcoreforce__count_query.json'), parsed as JSON. */
export function readFixture<T>(relativePath: string): T {
  return JSON.parse(readFileSync(fixturePath(relativePath), 'utf8')) as T;
}
