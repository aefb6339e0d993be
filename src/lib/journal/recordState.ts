import type { RunJournal } from './runStore.js';
import type { RunState } from './runState.js';

/**
 * Moves a run to a new state: in `run.json` (what `runs` and `report` show) and as a `state` event in the
 * log (the history, for a reader that replays it). The caller checks the transition with `canTransition`.
 */
export function recordState(journal: RunJournal, state: RunState, reason?: string): void {
  journal.meta.state = state;
  journal.meta.stateReason = reason;
  journal.events.append({ type: 'state', at: new Date().toISOString(), state, reason });
  journal.saveMeta();
}
