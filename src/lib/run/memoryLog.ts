import type { EngineRun } from '../load/engineRun.js';

/**
 * `ISYNC_MEMORY_LOG=<ms>`: writes the process's memory and the sizes of what grows with the data to stderr
 * every <ms>, for profiling large runs (`npm run bench` passes its environment to the tool). Off by default.
 */
export function startMemoryLog(engine: EngineRun): () => void {
  const every = Number(process.env.ISYNC_MEMORY_LOG);
  if (!Number.isFinite(every) || every <= 0) return () => {};
  const { state } = engine;
  const timer = setInterval(() => {
    const memory = process.memoryUsage();
    const mb = (bytes: number): number => Math.round(bytes / 1048576);
    process.stderr.write(
      `isync memory: rss ${mb(memory.rss)} MB, heap ${mb(memory.heapUsed)}/${mb(memory.heapTotal)} MB, external ${mb(memory.external)} MB, ` +
        `buffers ${mb(memory.arrayBuffers)} MB; id map ${state.idMap.size}, deferred ${state.deferred.length}, unwritten ${state.inFlight.rest.records}\n`
    );
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}
