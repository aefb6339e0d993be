/**
 * Access to the recorded describes in /work/shared/salesforce-fixtures for tests. The fixtures live
 * outside the repository; tests that need them skip when the folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { FieldDescribe } from './model.js';

export const FIXTURE_DESCRIBES = '/work/shared/salesforce-fixtures/describe';

export function fixturesAvailable(): boolean {
  return existsSync(FIXTURE_DESCRIBES);
}

export function readFixtureDescribe(file: string): { fields: FieldDescribe[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(`${FIXTURE_DESCRIBES}/${file}`, 'utf8')) as { fields: FieldDescribe[] } & Record<string, unknown>;
}

export function fixtureField(file: string, fieldName: string): FieldDescribe {
  const field = readFixtureDescribe(file).fields.find((candidate) => candidate.name === fieldName);
  if (!field) throw new Error(`${file} has no field ${fieldName}`);
  return field;
}
