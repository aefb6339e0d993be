/**
 * Access to the recorded describes of shared/salesforce-fixtures for tests (located by ../fixtures.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fixturePath } from '../fixtures.js';
import type { FieldDescribe } from '../../src/schema/model.js';

export const FIXTURE_DESCRIBES = fixturePath('describe');

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
