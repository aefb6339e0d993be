/**
 * Side-door routes for the org's automation (no auth, not counted):
 *
 * - `POST /__emulator/automation/legacy-records`: seeds the dataset's legacy records, history that breaks its
 *   own validation and duplicate rules, past all automation; answers `{"created": [{objectName, id, name,
 *   violates}]}` (400 when the dataset has none; each call adds another set).
 * - `POST /__emulator/automation/active` `{"id": "<item id>", "active": false}`: switches any item (a
 *   validation rule, flow, Apex trigger, duplicate or workflow rule) at once, past the APIs (which switch them
 *   too: Tooling, Metadata CRUD, a Metadata deploy for triggers). A flow switched on gets its latest version.
 *   Answers `{"id", "kind", "active"}`.
 * - `GET`/`POST /__emulator/automation/apex-tests` `{"count": 5, "failures": 0, "coveragePercent": 80}` (any of
 *   them): the org's modelled Apex tests, which production deploys run (deploy/apexTests.ts); answers the suite.
 */
import { apexTestSuite } from '../deploy/apexTests.js';
import type { DeployQueue } from '../deploy/deployQueue.js';
import type { OrgState } from '../org/orgState.js';
import { parseJsonBody } from './body.js';
import { apiError, type EmulatorResponse } from './types.js';

export function seedLegacyRecords(org: OrgState): EmulatorResponse {
  const seeder = org.automation.legacyRecords;
  if (!seeder) return apiError(400, 'NO_LEGACY_RECORDS', "This org's dataset has no legacy records (only the demo dataset has)");
  return { status: 200, body: { created: seeder(org.seedTarget, (objectName) => org.records(objectName)) } };
}

export function setAutomationActive(body: string, org: OrgState): EmulatorResponse {
  const parsed = parseJsonBody<{ id?: unknown; active?: unknown }>(body);
  if (!parsed.ok) return parsed.response;
  const { id, active } = parsed.value ?? {};
  if (typeof id !== 'string' || typeof active !== 'boolean')
    return apiError(400, 'INVALID_INPUT', 'body must be {"id": "<automation id>", "active": true|false}');
  const found = org.automation.byId(id);
  if (!found) return apiError(404, 'NOT_FOUND', `no automation item ${id}`);
  switch (found.kind) {
    case 'FlowDefinition':
      found.item.activeVersion = active ? found.item.versions : 0;
      break;
    case 'ApexTrigger':
      found.item.status = active ? 'Active' : 'Inactive';
      break;
    default:
      found.item.active = active;
  }
  org.automation.changed();
  return { status: 200, body: { id: found.item.id, kind: found.kind, active } };
}

export function apexTests(method: string, body: string, deploys: DeployQueue): EmulatorResponse {
  if (method === 'POST') {
    const parsed = parseJsonBody<Record<string, unknown>>(body);
    if (!parsed.ok) return parsed.response;
    if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      return apiError(400, 'INVALID_INPUT', 'body must be {"count": N, "failures": N, "coveragePercent": N} (any of them)');
    }
    try {
      deploys.apexTests = apexTestSuite(deploys.apexTests, parsed.value);
    } catch (e) {
      if (e instanceof RangeError) return apiError(400, 'INVALID_INPUT', e.message);
      throw e;
    }
  }
  return { status: 200, body: deploys.apexTests };
}
