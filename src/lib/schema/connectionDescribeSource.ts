import type { Connection } from '@salesforce/core';
import { orgApiFor } from '../api/httpOrgApi.js';
import type { OrgApi } from '../api/orgApi.js';
import { errorCodeOf } from '../api/failures.js';
import { withReadRetry } from '../api/withRetry.js';
import { subrequestError, type SubrequestResult } from '../api/subrequestError.js';
import { getInComposite } from '../api/compositeReads.js';
import type { DescribeSource } from './describeSource.js';
import type { DescribeGlobal, DescribeSObject } from './describeTypes.js';
import { API_NAME } from './apiName.js';

/**
 * A `DescribeSource` over a `@salesforce/core` connection, caching every answer for the life of the object
 * (one per run): the template validation, the planner and the sync all ask for the same describes.
 *
 * Promises are cached rather than results so that concurrent callers share one request. Object names are
 * case-insensitive in Salesforce, so the cache is too: `account` and `Account` are one describe.
 */
export class ConnectionDescribeSource implements DescribeSource {
  private globalDescribe?: Promise<DescribeGlobal>;
  private readonly describes = new Map<string, Promise<DescribeSObject>>();

  public constructor(
    private readonly connection: Connection,
    /** The org's calls for the Composite requests of `prefetch` (made for the connection when first needed). */
    private api?: OrgApi
  ) {}

  public describeGlobal(): Promise<DescribeGlobal> {
    this.globalDescribe ??= this.fetchGlobal();
    return this.globalDescribe;
  }

  public describe(objectName: string): Promise<DescribeSObject> {
    return this.describes.get(objectName.toLowerCase()) ?? this.remember(objectName, this.fetchDescribe(objectName));
  }

  /**
   * Fetches the global describe (unless it is cached already) and the describes of `objectNames` not cached yet
   * as `/composite` requests of 25 subrequests, each one API call, instead of one call per describe. Every
   * answer lands in the cache, where `describe` finds it. A subrequest's NOT_FOUND (no such object) becomes the
   * very error the describe made on its own fails with; any other failure, or a failed composite request, makes
   * that describe on its own, as before.
   */
  public async prefetch(objectNames: readonly string[]): Promise<void> {
    const wanted = [...new Map(objectNames.filter((name) => API_NAME.test(name)).map((name) => [name.toLowerCase(), name])).values()].filter(
      (name) => !this.describes.has(name.toLowerCase())
    );
    if (wanted.length === 0) return;
    const withGlobal = this.globalDescribe === undefined;
    const paths = [...(withGlobal ? ['/sobjects'] : []), ...wanted.map((name) => `/sobjects/${name}/describe`)];
    const results = getInComposite((this.api ??= orgApiFor(this.connection)), paths);
    if (withGlobal) {
      const global = results.shift()!;
      this.globalDescribe = global.then((result) => (result?.httpStatusCode === 200 ? (result.body as DescribeGlobal) : this.fetchGlobal()));
    }
    const pending = wanted.map((name, i) =>
      this.remember(
        name,
        results[i].then((result) => this.describeFrom(name, result))
      )
    );
    await Promise.allSettled([this.globalDescribe, ...pending]);
  }

  private describeFrom(objectName: string, result: SubrequestResult | undefined): Promise<DescribeSObject> {
    if (result?.httpStatusCode === 200) return Promise.resolve(result.body as DescribeSObject);
    if (result?.httpStatusCode === 404) return Promise.reject(subrequestError(result));
    return this.fetchDescribe(objectName);
  }

  private fetchGlobal(): Promise<DescribeGlobal> {
    return withReadRetry(() => this.connection.describeGlobal() as Promise<DescribeGlobal>);
  }

  /** Describes are reads: a 503 or the org's concurrent-request limit is retried, not reported as "cannot be read". */
  private fetchDescribe(objectName: string): Promise<DescribeSObject> {
    // jsforce types most describe keys as optional; a real describe always sends every key we read.
    return withReadRetry(() => this.connection.describe(objectName) as unknown as Promise<DescribeSObject>);
  }

  /**
   * Caches a describe. A failure is not kept, so that asking again in the same run may succeed, except
   * NOT_FOUND: the object does not exist (or the user cannot see it), and asking again cannot change that.
   */
  private remember(objectName: string, describe: Promise<DescribeSObject>): Promise<DescribeSObject> {
    const key = objectName.toLowerCase();
    this.describes.set(key, describe);
    describe.catch((error: unknown) => {
      if (errorCodeOf(error) !== 'NOT_FOUND' && this.describes.get(key) === describe) this.describes.delete(key);
    });
    return describe;
  }
}
