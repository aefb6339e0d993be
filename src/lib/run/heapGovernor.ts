import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Keeps a long run's heap near its live data. What the engine holds is bounded (records in flight, the packed
 * id map), but records live for a request's round trip, long enough to be promoted to V8's old generation,
 * and V8 lets the old generation grow to a multiple of its live size before it collects it: on a million
 * records the heap (and the process's memory) reached three times the data it held. The governor asks V8
 * for a full collection whenever the heap has grown `growthBytes` past what the last collection left, checked
 * every `everyMs`; a collection of the engine's live data takes tens of milliseconds, a few a minute.
 * While the run is small (`small()`, see syncRun) and the heap below `quietBytes`, it leaves the heap to V8: a
 * forced collection stops the process (every response in flight waits meanwhile), and on a mid-sized run it
 * would fire every second for a process whose memory stays small anyway. A run past that size
 * is governed from then on, whatever its heap, so memory stays bounded where it grows with the data.
 *
 * V8 gives a collection on demand only through `gc`, which it exposes to new contexts once the `expose-gc`
 * flag is set; setting that flag changes nothing else. Without it (a runtime that refuses) the governor does
 * nothing and the run is unaffected.
 */
export function startHeapGovernor(options: HeapGovernorOptions = {}): () => void {
  const collect = options.collect ?? fullCollection();
  if (!collect) return () => {};
  const heapUsed = options.heapUsed ?? ((): number => getHeapStatistics().used_heap_size);
  const growth = options.growthBytes ?? 24 * 1024 * 1024;
  let floor = heapUsed();
  const quiet = options.quietBytes ?? 192 * 1024 * 1024;
  const small = options.small ?? ((): boolean => true);
  const timer = setInterval(() => {
    const used = heapUsed();
    if (used < floor + growth || (used < quiet && small())) return;
    collect();
    floor = heapUsed();
  }, options.everyMs ?? 1000);
  timer.unref();
  return () => clearInterval(timer);
}

export type HeapGovernorOptions = {
  growthBytes?: number;
  /** No forced collection while the heap in use is below this and the run is small. */
  quietBytes?: number;
  /** Whether the run is still small (default: always): once it says no, the quiet size no longer applies. */
  small?: () => boolean;
  everyMs?: number;
  /** For tests: the heap in use, and a full collection (default: V8's). */
  heapUsed?: () => number;
  collect?: () => void;
};

/** V8's full collection, or undefined when the runtime does not give it. */
export function fullCollection(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
