/**
 * The emulator's cost model: a fixed latency per request, a cost per record written and a cap on
 * concurrent requests. A request answers `latencyMs + perRecordMs × records written` after it arrived, or
 * when the emulator is done with it if that is later: its own work is part of the modelled time, as a
 * server's is. Delays are timers, never busy waits, so the event loop keeps serving.
 */
export type CostModel = {
  /** Added to every API request. */
  latencyMs: number;
  /** Added per record a request committed (collections, composite, tree; Bulk paces its own jobs with it). */
  perRecordMs: number;
  /** More requests in flight than this get 403 REQUEST_LIMIT_EXCEEDED; 0 = unlimited. */
  maxConcurrent: number;
};

export const FREE: CostModel = { latencyMs: 0, perRecordMs: 0, maxConcurrent: 0 };

export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
