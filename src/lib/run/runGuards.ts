import { RunStop } from '../load/runStop.js';

/** The checks made before every API call of a run: Ctrl-C, and --stop-on-error after a failure. */
export class RunGuards {
  private interrupted = false;
  private failedRecord = false;

  public constructor(private readonly stopOnError: boolean) {}

  public interrupt(): void {
    this.interrupted = true;
  }

  public recordFailed(): void {
    this.failedRecord = true;
  }

  /** Called before each request; throws RunStop when the run must not make it. */
  public check = (): void => {
    if (this.interrupted) throw new RunStop('interrupted', 'Interrupted by the user; batches in flight were finished and journaled.');
    this.checkFailures();
  };

  /**
   * --stop-on-error after a failure: throws RunStop. Also called when the objects are done, since objects run
   * side by side: the failure may come after the last request, and the run must still end as stopped.
   */
  public checkFailures = (): void => {
    if (this.stopOnError && this.failedRecord) throw new RunStop('stopOnError', 'A record failed and --stop-on-error is set.');
  };
}
