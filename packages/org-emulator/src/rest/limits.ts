/**
 * `GET limits`: the keys of a recorded Developer Edition response, with `DailyApiRequests` live (it counts
 * down with every API call, this one included) and `DailyBulkApiRequests` counting Bulk job creations.
 */
import type { EmulatorRequest, EmulatorResponse } from '../http/types.js';
import type { RestContext } from './restContext.js';

const STATIC_MAXIMA: Record<string, number> = {
  ConcurrentAsyncGetReportInstances: 200,
  ConcurrentSyncReportRuns: 20,
  DailyAsyncApexExecutions: 250000,
  DailyDurableGenericStreamingApiEvents: 10000,
  DailyDurableStreamingApiEvents: 10000,
  DailyGenericStreamingApiEvents: 10000,
  DailyStreamingApiEvents: 10000,
  DailyWorkflowEmails: 390,
  DataStorageMB: 5,
  DurableStreamingApiConcurrentClients: 20,
  FileStorageMB: 20,
  HourlyAsyncReportRuns: 1200,
  HourlyDashboardRefreshes: 200,
  HourlyDashboardResults: 5000,
  HourlyDashboardStatuses: 999999999,
  HourlyODataCallout: 10000,
  HourlySyncReportRuns: 500,
  HourlyTimeBasedWorkflow: 50,
  MassEmail: 10,
  SingleEmail: 15,
  StreamingApiConcurrentClients: 20,
};

const BULK_DAILY_MAX = 5000;

export function limits(_req: EmulatorRequest, ctx: RestContext): EmulatorResponse {
  const requests = ctx.stats.snapshot().requests;
  const bulkJobs = (requests.bulkJobCreate ?? 0) + (requests.bulkQueryCreate ?? 0);
  const body: Record<string, { Max: number; Remaining: number }> = {};
  const entries: Array<[string, number, number]> = [
    ...Object.entries(STATIC_MAXIMA).map(([k, max]): [string, number, number] => [k, max, max]),
    ['DailyApiRequests', ctx.usage.max, ctx.usage.remaining],
    ['DailyBulkApiRequests', BULK_DAILY_MAX, Math.max(0, BULK_DAILY_MAX - bulkJobs)],
  ];
  for (const [key, max, remaining] of entries.sort(([a], [b]) => a.localeCompare(b))) body[key] = { Max: max, Remaining: remaining };
  return { status: 200, body };
}
