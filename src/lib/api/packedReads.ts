import { dataPath, type OrgApi } from './orgApi.js';
import { OrgApiDecorator } from './orgApiDecorator.js';
import { subrequestError, type SubrequestResult } from './subrequestError.js';
import { SALESFORCE_LIMITS } from './salesforceLimits.js';
import { withReadRetry } from './withRetry.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { PackingWindow } from './packingWindow.js';
import { mergeIdListReads, mergeKeyOf, type WaitingRead } from './idListMerge.js';

/** Salesforce: a Composite request holds up to 25 subrequests, of which up to 5 query operations. */
const SUBREQUESTS_PER_COMPOSITE = SALESFORCE_LIMITS.compositeSubrequests;
const QUERIES_PER_COMPOSITE = SALESFORCE_LIMITS.compositeCollectionsOrQueries;

/** A GET longer than this travels in a Composite body even alone (see MAX_QUERY_URI in queryPages). */
const MAX_GET_URI = SALESFORCE_LIMITS.recommendedUriCharacters;

type Waiting = WaitingRead;

type CompositeResponse = { compositeResponse: Array<SubrequestResult & { referenceId: string }> };

/**
 * Small reads of one org, packed: GETs whose answers are known to be small (counts, `Id IN` lists of a few
 * records, lookups of owners and record types, a delta's counted page, describes, `/limits`) wait a moment
 * for each other and leave together as one `/composite` request of up to 25 subrequests, at most 5 of them
 * queries, which Salesforce counts as one API call. Nothing large is packed: subrequests run one after another,
 * so five full pages in one Composite would take five pages' time on a single slot (callers pass only what
 * they know to be small, see `getSmall` on the port).
 *
 * A read waits until a Composite's worth of queries is waiting (then to the end of the event loop's turn, so
 * that the reads issued with it are merged and packed with it), or its PackingWindow (a share of the measured
 * round trip) closes. Each read ends as the same GET sent alone would: its subrequest's error is thrown as a
 * direct call's (`subrequestError`); a Composite that fails as a whole is retried as a read, then each of its
 * reads is sent on its own, as `getInComposite` does. Wrap it outside the counting and gating decorators: a
 * Composite is one call and takes one slot.
 */
export class PackedReads extends OrgApiDecorator {
  private waiting: Waiting[] = [];
  /** The queries the waiting reads will make once merged: reads that merge count once. */
  private readonly queries = new Set<string | symbol>();
  private readonly window = new PackingWindow(() => this.flush());

  public constructor(
    inner: OrgApi,
    private readonly backoff: BackoffPolicy = DEFAULT_BACKOFF
  ) {
    super(inner);
  }

  public getSmall<T>(path: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const query = isQuery(path);
      this.waiting.push({ path, query, resolve, reject });
      // A query that merges with none counts on its own.
      if (query) this.queries.add(mergeKeyOf(path) ?? Symbol(path));
      // A full Composite gains nothing by waiting longer than the reads issued with it.
      if (this.waiting.length >= SUBREQUESTS_PER_COMPOSITE || this.queries.size >= QUERIES_PER_COMPOSITE) this.window.closeAtTurnEnd();
      else this.window.open();
    });
  }

  private flush(): void {
    this.window.close();
    const waiting = mergeIdListReads(this.waiting, (entry) => void this.alone(entry));
    this.waiting = [];
    this.queries.clear();
    for (const group of composites(waiting)) void this.send(group);
  }

  private async send(group: Waiting[]): Promise<void> {
    if (group.length === 1) return this.alone(group[0]);
    const started = performance.now();
    let answer: CompositeResponse;
    try {
      answer = await withReadRetry(() =>
        this.inner.request<CompositeResponse>('POST', '/composite', {
          allOrNone: false,
          compositeRequest: group.map((entry, index) => ({ method: 'GET', url: dataPath(this.inner.apiVersion, entry.path), referenceId: `r${index}` })),
        }),
        this.backoff
      );
    } catch {
      // Each read on its own then fails, or not, as a direct call does.
      await Promise.all(group.map((entry) => this.alone(entry)));
      return;
    }
    this.window.measured(performance.now() - started);
    const byReference = new Map(answer.compositeResponse.map((sub) => [sub.referenceId, sub]));
    const unanswered: Waiting[] = [];
    group.forEach((entry, index) => {
      const sub = byReference.get(`r${index}`);
      if (!sub) unanswered.push(entry);
      else if (sub.httpStatusCode >= 400) entry.reject(subrequestError(sub));
      else entry.resolve(sub.body);
    });
    // A read the answer left out is sent on its own, as getInComposite's callers do.
    await Promise.all(unanswered.map((entry) => this.alone(entry)));
  }

  /** One read sent on its own: a plain GET, or a Composite of one when its URI is too long for a GET. */
  private async alone(entry: Waiting): Promise<void> {
    const started = performance.now();
    try {
      if (entry.path.length <= MAX_GET_URI) entry.resolve(await this.inner.request('GET', entry.path));
      else {
        const answer = await this.inner.request<CompositeResponse>('POST', '/composite', {
          allOrNone: false,
          compositeRequest: [{ method: 'GET', url: dataPath(this.inner.apiVersion, entry.path), referenceId: 'r0' }],
        });
        const [sub] = answer.compositeResponse;
        if (sub.httpStatusCode >= 400) entry.reject(subrequestError(sub));
        else entry.resolve(sub.body);
      }
      this.window.measured(performance.now() - started);
    } catch (error) {
      entry.reject(error);
    }
  }
}

function isQuery(path: string): boolean {
  return /^\/query(All)?[/?]/.test(path);
}

/** The reads in Composite-sized groups, in order: up to 25 subrequests, of which up to 5 queries. */
function composites(waiting: readonly Waiting[]): Waiting[][] {
  const groups: Waiting[][] = [];
  let group: Waiting[] = [];
  let queries = 0;
  for (const entry of waiting) {
    if (group.length === SUBREQUESTS_PER_COMPOSITE || (entry.query && queries === QUERIES_PER_COMPOSITE)) {
      groups.push(group);
      group = [];
      queries = 0;
    }
    group.push(entry);
    if (entry.query) queries++;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
