import type { DescribeGlobal, DescribeSObject } from './describeTypes.js';

/**
 * Where describes come from. The library depends on this interface, not on a `Connection`, so that the planner
 * and the template validation run in unit tests from JSON and against any org implementation.
 */
export type DescribeSource = {
  /** Every object of the org (`GET sobjects`). */
  describeGlobal(): Promise<DescribeGlobal>;
  /** The full describe of one object, by its exact API name; rejects when the object does not exist. */
  describe(objectName: string): Promise<DescribeSObject>;
  /**
   * Optional hint: these objects (and the global describe) are about to be asked for. A source backed by an org
   * fetches them in as few API calls as it can; `describeGlobal` and `describe` then answer from memory, with
   * the same results and failures as without the hint. Never rejects.
   */
  prefetch?(objectNames: readonly string[]): Promise<void>;
};

/** Describes by object API name, as the pure modules take them. */
export type DescribeMap = ReadonlyMap<string, DescribeSObject>;
