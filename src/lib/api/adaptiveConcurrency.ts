import pLimit, { type LimitFunction } from 'p-limit';

/**
 * How many requests one org gets at once: starts at `max`, halves when the org refuses a request for having
 * too many in flight, and grows back by one after each full round of requests the org accepted (additive
 * increase, multiplicative decrease, as TCP does), so one burst of refusals slows a run down for seconds, not
 * for the rest of the run. p-limit does the queueing; it lets its concurrency change while requests wait.
 */
export class AdaptiveConcurrency {
  private readonly limit: LimitFunction;
  /** Bumped on every reduction: the refusals of requests sent before it are the same burst, not a new one. */
  private epoch = 0;
  private acceptedSinceChange = 0;

  public constructor(private readonly max: number) {
    this.limit = pLimit(Math.max(1, max));
  }

  public get current(): number {
    return this.limit.concurrency;
  }

  /** Runs `call` once a slot is free; `isRefusal` tells an org's "too many requests at once" from other errors. */
  public run<T>(call: () => Promise<T>, isRefusal: (error: unknown) => boolean): Promise<T> {
    return this.limit(async () => {
      const epoch = this.epoch;
      try {
        const result = await call();
        this.accepted();
        return result;
      } catch (error) {
        if (isRefusal(error)) this.refused(epoch);
        throw error;
      }
    });
  }

  private refused(epoch: number): void {
    if (epoch !== this.epoch) return;
    this.epoch++;
    this.acceptedSinceChange = 0;
    this.limit.concurrency = Math.max(1, Math.floor(this.limit.concurrency / 2));
  }

  private accepted(): void {
    if (this.limit.concurrency >= this.max) return;
    if (++this.acceptedSinceChange < this.limit.concurrency) return;
    this.acceptedSinceChange = 0;
    this.limit.concurrency++;
  }
}
