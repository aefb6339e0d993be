/**
 * Maps `items` through `fn` with at most `concurrency` calls in flight, keeping the input order in the result.
 *
 * Describes are fetched this way: one request per object is slow when serial, and unbounded parallelism hits
 * Salesforce's concurrent request limits on big templates.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      // Each worker handles its items one after another on purpose: that is the bound.
      results[index] = await fn(items[index], index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, () => worker());
  await Promise.all(workers);
  return results;
}
