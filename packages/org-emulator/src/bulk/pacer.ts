/**
 * Timers for background job processing. Jobs advance between awaits of `pause`, so the event loop keeps
 * serving requests (polls see InProgress and growing counters), and `cancelAll` (emulator reset) stops every
 * job at its next step instead of leaving timers behind.
 */
type Pending = { cancel: () => void };

export class Pacer {
  private readonly pending = new Set<Pending>();

  /** Waits `ms` (0 = just yield to the event loop). Resolves false when cancelled: the caller must stop. */
  public pause(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const entry: Pending = {
        cancel: () => {
          clear();
          resolve(false);
        },
      };
      const done = (): void => {
        this.pending.delete(entry);
        resolve(true);
      };
      let clear: () => void;
      if (ms > 0) {
        const timer = setTimeout(done, ms);
        clear = () => clearTimeout(timer);
      } else {
        const immediate = setImmediate(done);
        clear = () => clearImmediate(immediate);
      }
      this.pending.add(entry);
    });
  }

  public cancelAll(): void {
    const entries = [...this.pending];
    this.pending.clear();
    for (const entry of entries) entry.cancel();
  }
}
