/**
 * Run states and the transitions between them. A run's state is stored in its journal and shown live;
 * commands refuse actions that do not fit the state (e.g. rolling back a run that is rolled back).
 */
export const RUN_STATES = [
  'planning',
  'scanning',
  'scanned',
  'syncing',
  'synced',
  'synced_with_errors',
  'failed',
  'aborted',
  'paused',
  'rolling_back',
  'rolled_back',
  'rollback_partial',
] as const;

export type RunState = (typeof RUN_STATES)[number];

/** The states a sync is left in when it stopped before its end: `execute --resume` continues it. */
export const INTERRUPTED_STATES: ReadonlySet<RunState> = new Set(['planning', 'scanning', 'syncing', 'aborted', 'paused', 'failed']);

const TRANSITIONS: Record<RunState, readonly RunState[]> = {
  planning: ['scanning', 'syncing', 'failed', 'aborted'],
  scanning: ['scanned', 'syncing', 'failed', 'aborted', 'paused'],
  scanned: ['syncing'],
  syncing: ['synced', 'synced_with_errors', 'failed', 'aborted', 'paused'],
  // A retry or a resume re-enters syncing; a rollback starts from any settled sync state.
  synced: ['syncing', 'rolling_back'],
  synced_with_errors: ['syncing', 'rolling_back'],
  failed: ['syncing', 'rolling_back'],
  aborted: ['syncing', 'rolling_back'],
  paused: ['syncing', 'rolling_back'],
  rolling_back: ['rolled_back', 'rollback_partial', 'aborted', 'failed'],
  rolled_back: [],
  rollback_partial: ['rolling_back'],
};

export function canTransition(from: RunState, to: RunState): boolean {
  return TRANSITIONS[from].includes(to);
}
