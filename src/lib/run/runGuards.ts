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
    if (this.stopOnError && this.failedRecord) throw new RunStop('stopOnError', 'A record failed and --stop-on-error is set.');
  };
}
