/**
 * `/__emulator/*`: the test harness's side door (no auth, not counted): stats, reset, fault control, and
 * emptying the recycle bin (to stand for records Salesforce no longer has there: purged, emptied, 15 days old),
 * and the org's automation and modelled Apex tests (adminAutomation.ts).
 */
import { FaultSpecError, faultConfigFromJson } from '../faults/faultSpec.js';
import type { DeployQueue } from '../deploy/deployQueue.js';
import type { FaultInjector } from '../faults/faultInjector.js';
import type { OrgState } from '../org/orgState.js';
import type { ApiUsage } from '../rest/apiUsage.js';
import { apexTests, seedLegacyRecords, setAutomationActive } from './adminAutomation.js';
import { parseJsonBody } from './body.js';
import { notFound } from './router.js';
import type { Stats } from './stats.js';
import { apiError, type EmulatorResponse } from './types.js';

export type AdminDeps = {
  org: OrgState;
  stats: Stats;
  usage: ApiUsage;
  faults: FaultInjector;
  /** Clears counters and in-flight API state (cursors, bulk jobs); with data, also empties and reseeds the org. */
  reset: (data: boolean) => void;
  deploys: DeployQueue;
};

export function handleAdmin(method: string, path: string, query: URLSearchParams, body: string, deps: AdminDeps): EmulatorResponse {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /__emulator/stats':
      return {
        status: 200,
        body: { ...deps.stats.snapshot(), dailyApiRequests: { Max: deps.usage.max, Remaining: deps.usage.remaining }, faults: deps.faults.current },
      };
    case 'POST /__emulator/reset':
      deps.reset(query.get('data') === 'true');
      return { status: 200, body: { reset: true, data: query.get('data') === 'true' } };
    case 'POST /__emulator/recycle-bin/empty':
      return emptyRecycleBin(body, deps.org);
    case 'POST /__emulator/automation/legacy-records':
      return seedLegacyRecords(deps.org);
    case 'POST /__emulator/automation/active':
      return setAutomationActive(body, deps.org);
    case 'GET /__emulator/automation/apex-tests':
    case 'POST /__emulator/automation/apex-tests':
      return apexTests(method, body, deps.deploys);
    case 'GET /__emulator/faults':
      return { status: 200, body: deps.faults.current };
    case 'POST /__emulator/faults': {
      const parsed = parseJsonBody<unknown>(body);
      if (!parsed.ok) return parsed.response;
      try {
        const config = faultConfigFromJson(parsed.value);
        deps.faults.configure(config);
        deps.usage.setLimit(config.dailyLimitAfter);
        return { status: 200, body: deps.faults.current };
      } catch (e) {
        if (e instanceof FaultSpecError) return apiError(400, 'INVALID_FAULTS', e.message);
        throw e;
      }
    }
    default:
      return notFound();
  }
}

/** Body `{"ids": [...]}` empties the deletes those ids belong to; no body (or no `ids`) empties the whole bin. */
function emptyRecycleBin(body: string, org: OrgState): EmulatorResponse {
  let ids: string[] | undefined;
  if (body.trim() !== '') {
    const parsed = parseJsonBody<{ ids?: unknown }>(body);
    if (!parsed.ok) return parsed.response;
    const given = parsed.value?.ids;
    if (given !== undefined && (!Array.isArray(given) || !given.every((id) => typeof id === 'string'))) {
      return apiError(400, 'INVALID_INPUT', 'ids must be an array of record ids');
    }
    ids = given;
  }
  return { status: 200, body: { emptied: org.emptyRecycleBin(ids) } };
}
