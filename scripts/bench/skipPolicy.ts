/**
 * When a tool is not run at the next size: it failed outright at this one, or its time scaled linearly to
 * the next size would pass the allowance per run. The note says why, with the figures.
 */
import type { ToolResult } from './results.js';

export function nextSizeSkip(result: ToolResult, nextRecords: number, maxToolMinutes: number): string | undefined {
  if (result.skipped) return result.skipped;
  if (result.timedOut) return `timed out at ${result.records} records`;
  if (result.wallMs === undefined) return undefined;
  const projectedMinutes = (result.wallMs * (nextRecords / result.records)) / 60_000;
  if (projectedMinutes <= maxToolMinutes) return undefined;
  return (
    `${(result.wallMs / 60_000).toFixed(1)} min at ${result.records} records projects to ` +
    `${projectedMinutes.toFixed(0)} min at ${nextRecords}, over the ${maxToolMinutes} min allowed per run`
  );
}
