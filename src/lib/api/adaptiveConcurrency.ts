/** Which queue a request waits in: reads go before writes (see AdaptiveConcurrency). */
export type Lane = 'read' | 'write';

type Waiting = { start: () => void };

/**
 * How many requests one org gets at once, and who goes next. The limit starts at `max`, halves when the org
 * refuses a request for having too many in flight, and grows back by one after each full round of requests
 * the org accepted (additive increase, multiplicative decrease, as TCP does), so one burst of refusals slows a
 * run down for seconds, not for the rest of the run.
 *
 * Reads (queries, counts, describes, job polls) wait in their own queue, served before writes: they are short,
 * and the objects that send them stall until they answer, while a queued write only delays itself. So writes
 * can use every slot without starving the reads. (p-limit, used elsewhere, has one FIFO queue; this needs two.)
 */
export class AdaptiveConcurrency {
  private limit: number;
  private running = 0;
  private readonly queues: Record<Lane, Waiting[]> = { read: [], write: [] };
  /** Bumped on every reduction: the refusals of requests sent before it are the same burst, not a new one. */
  private epoch = 0;
  private acceptedSinceChange = 0;

  public constructor(private readonly max: number) {
    this.limit = Math.max(1, max);
  }

  public get current(): number {
    return this.limit;
  }

  /** Runs `call` once a slot is free; `isRefusal` tells an org's "too many requests at once" from other errors. */
  public async run<T>(call: () => Promise<T>, isRefusal: (error: unknown) => boolean, lane: Lane = 'write'): Promise<T> {
    await this.slot(lane);
    const epoch = this.epoch;
    try {
      const result = await call();
      this.accepted();
      return result;
    } catch (error) {
      if (isRefusal(error)) this.refused(epoch);
      throw error;
    } finally {
      this.running--;
      this.next();
    }
  }

  private slot(lane: Lane): Promise<void> {
    if (this.running < this.limit && this.queues.read.length === 0 && this.queues.write.length === 0) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.queues[lane].push({
        start: () => {
          this.running++;
          resolve();
        },
      });
    });
  }

  private next(): void {
    while (this.running < this.limit) {
      const waiting = this.queues.read.shift() ?? this.queues.write.shift();
      if (!waiting) return;
      waiting.start();
    }
  }

  private refused(epoch: number): void {
    if (epoch !== this.epoch) return;
    this.epoch++;
    this.acceptedSinceChange = 0;
    this.limit = Math.max(1, Math.floor(this.limit / 2));
  }

  private accepted(): void {
    if (this.limit >= this.max) return;
    if (++this.acceptedSinceChange < this.limit) return;
    this.acceptedSinceChange = 0;
    this.limit++;
    this.next();
  }
}
