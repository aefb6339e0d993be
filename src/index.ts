// Typed results of the commands, for scripts and tests that call them (`--json` prints the same shapes).
export type { OrderResult } from './commands/isync/order.js';
export type { ExecuteResult } from './commands/isync/execute.js';
export type { ScanResult } from './commands/isync/scan.js';
export type { SyncRunResult } from './lib/run/syncRunTypes.js';
export type { RunState } from './lib/journal/runState.js';
export type { ObjectSummary, ObjectCounts } from './lib/journal/runMeta.js';
export type { ReportResult, ReportCommandResult } from './commands/isync/report.js';
export type { RunsResult, SyncDatesResult } from './commands/isync/runs.js';
export type { RollbackResult, RollbackRecord, RollbackObjectResult } from './lib/rollback/rollbackResult.js';
export type { RunReport, ObjectReport, RollbackCounts, ObjectRollbackReport } from './lib/report/runReport.js';
export type { FailureGroup } from './lib/report/failureGroups.js';
export type { ErrorFile } from './lib/report/errorCsv.js';
export type { RunHistoryEntry } from './lib/report/runHistory.js';
export type { RetryResult } from './commands/isync/retry.js';
export type { AutomationListResult } from './commands/isync/automation/list.js';
export type { AutomationRestoreResult } from './commands/isync/automation/restore.js';
export type { AutomationItem, AutomationKind, SwitchedItem, RunAutomation } from './lib/automation/automationTypes.js';
export type { AutomationUsed } from './lib/run/automationSetup.js';
