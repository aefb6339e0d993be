import type { Connection } from '@salesforce/core';
import { withReadRetry } from '../api/withRetry.js';
import type { DescribeSource } from './describeSource.js';
import type { DescribeGlobal, DescribeSObject } from './describeTypes.js';

/**
 * A `DescribeSource` over a `@salesforce/core` connection, caching every answer for the life of the object
 * (one per run): the template validation, the planner and the sync all ask for the same describes.
 *
 * Promises are cached rather than results so that concurrent callers share one request.
 */
export class ConnectionDescribeSource implements DescribeSource {
  private globalDescribe?: Promise<DescribeGlobal>;
  private readonly describes = new Map<string, Promise<DescribeSObject>>();

  public constructor(private readonly connection: Connection) {}

  public describeGlobal(): Promise<DescribeGlobal> {
    this.globalDescribe ??= withReadRetry(() => this.connection.describeGlobal() as Promise<DescribeGlobal>);
    return this.globalDescribe;
  }

  public describe(objectName: string): Promise<DescribeSObject> {
    let cached = this.describes.get(objectName);
    if (!cached) {
      // jsforce types most describe keys as optional; a real describe always sends every key we read.
      // Describes are reads: a 503 or the org's concurrent-request limit is retried, not reported as "cannot be read".
      cached = withReadRetry(() => this.connection.describe(objectName) as unknown as Promise<DescribeSObject>);
      // A failed describe is not cached: a retry in the same run may succeed.
      cached.catch(() => this.describes.delete(objectName));
      this.describes.set(objectName, cached);
    }
    return cached;
  }
}
