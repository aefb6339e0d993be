/**
 * Test support: reads recorded Salesforce responses from shared/salesforce-fixtures. CI clones the repo
 * elsewhere with shared/ beside the clone, so the folder next to the work tree wins over /work/shared.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BESIDE_CLONE = fileURLToPath(new URL('../../../../shared/salesforce-fixtures/', import.meta.url));
const ROOT = existsSync(BESIDE_CLONE) ? BESIDE_CLONE : '/work/shared/salesforce-fixtures/';

/** A fixture file, e.g. readFixture('query/netcoreforce__count_query.json'), parsed as JSON. */
export function readFixture<T>(relativePath: string): T {
  return JSON.parse(readFileSync(ROOT + relativePath, 'utf8')) as T;
}
