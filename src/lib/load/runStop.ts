/**
 * Thrown when the run cannot go on but can be resumed later: the session expired, the org's daily API
 * requests or the run's API budget are used up, or the user interrupted it. The run is saved in the matching
 * state (`failed` / `paused` / `aborted`) with the reason, and nothing in flight is lost.
 */
export class RunStop extends Error {
  public constructor(
    public readonly reason: 'session' | 'dailyLimit' | 'apiBudget' | 'interrupted' | 'stopOnError',
    message: string
  ) {
    super(message);
    this.name = 'RunStop';
  }
}
