import { classifyFailure } from '../api/failures.js';
import type { RunState } from '../journal/runState.js';

export type RunStopReason = 'session' | 'dailyLimit' | 'apiBudget' | 'interrupted' | 'stopOnError';

/**
 * Thrown when the run cannot go on but can be resumed later: the session expired, the org's daily API
 * requests or the run's API budget are used up, or the user interrupted it. The run is saved in the matching
 * state (`failed` / `paused` / `aborted`, see STOP_STATES) with the reason, and nothing in flight is lost.
 */
export class RunStop extends Error {
  public constructor(
    public readonly reason: RunStopReason,
    message: string
  ) {
    super(message);
    this.name = 'RunStop';
  }
}

/** The state a run ends in for each reason to stop early: paused runs wait for limits, the others for the user. */
export const STOP_STATES: Readonly<Record<RunStopReason, RunState>> = {
  interrupted: 'aborted',
  session: 'failed',
  stopOnError: 'failed',
  dailyLimit: 'paused',
  apiBudget: 'paused',
};

/**
 * The stop a failed request means for the whole run, whichever call met it (a write, a read, a Bulk job): an
 * expired session or the org's daily limit end the run, resumable; anything else is the caller's to handle.
 * A RunStop raised by the run's own guards (or wrapped by a client as its cause) keeps its meaning.
 */
export function toRunStop(error: unknown): RunStop | undefined {
  if (error instanceof RunStop) return error;
  if (error instanceof Error && error.cause instanceof RunStop) return error.cause;
  const kind = classifyFailure(error);
  const message = error instanceof Error ? error.message : String(error);
  if (kind === 'session') return new RunStop('session', `The session of an org expired or was revoked (${message}).`);
  if (kind === 'dailyLimit') return new RunStop('dailyLimit', `The org's daily API request limit is used up (${message}).`);
  return undefined;
}
