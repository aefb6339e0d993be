// Typed results of the commands, for scripts and tests that call them (`--json` prints the same shapes).
export type { OrderResult } from './commands/isync/order.js';
export type { ExecuteResult } from './commands/isync/execute.js';
export type { ScanResult } from './commands/isync/scan.js';
export type { SyncRunResult } from './lib/run/syncRun.js';
export type { RunState } from './lib/journal/runState.js';
export type { ObjectSummary, ObjectCounts } from './lib/journal/runMeta.js';
