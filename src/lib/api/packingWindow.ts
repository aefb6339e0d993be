/**
 * The part of a round trip a small request waits for others to share its call. Requests issued close together
 * are mostly the follow-ups of answers that arrived together (five counts answered by one Composite start five
 * objects' reads; reads answered together release their writes together), and those come within a fraction of
 * a round trip of each other; a request held longer would lose more time than the calls it saves are worth.
 */
const WAIT_SHARE_OF_ROUND_TRIP = 0.25;

/**
 * How long small requests wait for company before they leave packed (see PackedReads, CompositeCollections):
 * a share of the round trip measured on this org's own requests, not a number of milliseconds, so that the
 * same rule holds for an org 20 ms away and one 300 ms away. Before any answer was measured, to the end of
 * the current turn of the event loop, which still catches requests issued together.
 */
export class PackingWindow {
  private roundTripMs: number | undefined;
  private timer: { cancel(): void; immediate?: boolean } | undefined;

  public constructor(private readonly flush: () => void) {}

  /** A request waits: `flush` runs when the window opened by the first waiting request closes. */
  public open(): void {
    this.timer ??= this.start();
  }

  /**
   * The waiting requests leave at the end of this turn of the event loop, not when the window would have
   * closed: a Composite's worth waits already, and the requests issued in the same turn (the answers of one
   * call release several at once) still join, to be merged and packed with them.
   */
  public closeAtTurnEnd(): void {
    if (this.timer?.immediate) return;
    this.close();
    this.timer = this.immediate();
  }

  /** The waiting requests leave now (`flush` is the caller's): the window closes. */
  public close(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** A moving average of round trips: it follows an org that slows down under load, without one outlier ruling. */
  public measured(ms: number): void {
    this.roundTripMs = this.roundTripMs === undefined ? ms : this.roundTripMs + (ms - this.roundTripMs) / 4;
  }

  private start(): { cancel(): void; immediate?: boolean } {
    const wait = this.roundTripMs === undefined ? 0 : this.roundTripMs * WAIT_SHARE_OF_ROUND_TRIP;
    if (wait < 1) return this.immediate();
    const timeout = setTimeout(() => this.fire(), wait);
    return { cancel: () => clearTimeout(timeout) };
  }

  private immediate(): { cancel(): void; immediate: true } {
    const immediate = setImmediate(() => this.fire());
    return { cancel: () => clearImmediate(immediate), immediate: true };
  }

  private fire(): void {
    this.timer = undefined;
    this.flush();
  }
}
