import type { DescribeSource } from '../../../src/lib/schema/describeSource.js';
import type { DescribeSObject } from '../../../src/lib/schema/describeTypes.js';
import type { SoqlChecker } from '../../../src/lib/template/soqlCheck.js';

/**
 * A DescribeSource answering from in-memory describes, rejecting unknown objects like Salesforce (NOT_FOUND).
 * Its describes cost nothing, so `prefetch` only records what it was asked for.
 */
export function stubDescribeSource(describes: DescribeSObject[]): Required<DescribeSource> & { describeCalls: string[]; prefetchCalls: string[][] } {
  const byName = new Map(describes.map((d) => [d.name, d]));
  const describeCalls: string[] = [];
  const prefetchCalls: string[][] = [];
  return {
    describeCalls,
    prefetchCalls,
    prefetch: (names: readonly string[]) => {
      prefetchCalls.push([...names]);
      return Promise.resolve();
    },
    describeGlobal: () =>
      Promise.resolve({
        sobjects: describes.map(({ name, createable, updateable, queryable, custom }) => ({ name, createable, updateable, queryable, custom })),
      }),
    describe: (name: string) => {
      describeCalls.push(name);
      const describe = byName.get(name);
      return describe
        ? Promise.resolve(describe)
        : Promise.reject(Object.assign(new Error('The requested resource does not exist'), { errorCode: 'NOT_FOUND' }));
    },
  };
}

/** A checker that accepts every query except those containing a key of `errors`, answered with its error. */
export function stubSoqlChecker(errors: Record<string, { errorCode: string; message: string }> = {}): SoqlChecker & { queries: string[] } {
  const queries: string[] = [];
  const checker = (soql: string): Promise<{ ok: true } | { ok: false; errorCode: string; message: string }> => {
    queries.push(soql);
    const hit = Object.keys(errors).find((fragment) => soql.includes(fragment));
    return Promise.resolve(hit ? { ok: false, ...errors[hit] } : { ok: true });
  };
  return Object.assign(checker, { queries });
}
