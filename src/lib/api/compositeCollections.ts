import { collectionCall, MAX_COLLECTION_SIZE, writeCollection, type CollectionRequest, type RecordResult } from './collections.js';
import { dataPath, type OrgApi } from './orgApi.js';
import { subrequestError } from './subrequestError.js';
import { SALESFORCE_LIMITS } from './salesforceLimits.js';
import { PackingWindow } from './packingWindow.js';

/**
 * Salesforce: a Composite request holds up to 25 subrequests, of which "up to 5 can be sObject Collections or
 * query operations", and the whole request "counts as a single call toward your API limits".
 */
export const COLLECTIONS_PER_COMPOSITE = SALESFORCE_LIMITS.compositeCollectionsOrQueries;

/** Packing shares the waiting writes among the org's slots this many at a time (see groupSize). */
const SLOTS_PER_PACKING_SHARE = 2;

/** The priority of writes that nothing waits for (and the default): the only ones packed together. */
export const LEAF_PRIORITY = 1;

/** Anything that sends one sObject Collections write and answers its per-record results. */
export type CollectionSender = { write(request: CollectionRequest, priority?: number): Promise<RecordResult[]> };

type Waiting = { request: CollectionRequest; priority: number; resolve: (results: RecordResult[]) => void; reject: (error: unknown) => void };

type CompositeAnswer = { compositeResponse: Array<{ body: unknown; httpStatusCode: number; referenceId: string }> };

/**
 * Sends sObject Collections writes, packing those that wait into Composite requests of up to five: one API
 * call and one round trip carry up to 1,000 records instead of 200, so a run under load uses a fifth of the
 * calls. A full write never waits to be packed: while fewer than `maxInFlight` requests are out, it goes at
 * once (see groupSize for what it is packed with); a small one waits a moment for others (see smallGroup).
 * Waiting writes leave in order of priority (then arrival), so the objects that others wait for go first.
 *
 * Each packed write keeps its own outcome: the Composite is not all-or-none, so each subrequest commits or
 * fails alone; a subrequest's error rejects that write as the same call sent alone would; a Composite that
 * fails as a whole (dropped connection, 503) rejects every write in it, and each writer then does what it
 * does for a failed call of its own (retry, or check what got in).
 */
export class CompositeCollections implements CollectionSender {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private readonly window = new PackingWindow(() => this.pump());

  public constructor(
    private readonly api: OrgApi,
    private readonly maxInFlight: number
  ) {}

  public write(request: CollectionRequest, priority = LEAF_PRIORITY): Promise<RecordResult[]> {
    if (request.records.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const entry: Waiting = { request, priority, resolve, reject };
      // Stable insertion by priority: higher first, equal priorities in arrival order.
      const at = this.waiting.findIndex((other) => other.priority < priority);
      if (at < 0) this.waiting.push(entry);
      else this.waiting.splice(at, 0, entry);
      // A small write waits a moment (PackingWindow) for the small writes issued close to it (the batches of
      // objects whose reads answered together) to share its call (see smallGroup); a full one leaves at once.
      if (request.records.length < MAX_COLLECTION_SIZE) this.window.open();
      else this.pump();
    });
  }


  private pump(): void {
    this.window.close();
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.groupSize());
      this.inFlight++;
      void this.send(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /**
   * Subrequests run one after the other, so a packed write returns when the whole Composite does: packing
   * trades latency for calls and throughput (a slot carries up to 1,000 records for one latency, not 200).
   * The head of the queue is packed only with writes of its own priority, and the longer the chain of
   * objects waiting on it, the fewer (a leaf up to five, one step from a leaf up to four, two steps up to
   * two, anything longer alone), so the writes others wait for stay quick. How many are packed also follows
   * how many wait for each two slots of the org: not per slot free right now (slots free one at a time, and
   * packing five into each as it frees would leave the next slots nothing while writes are still being
   * prepared), and not per slot either: per slot made more calls and took longer, per four slots left slots
   * waiting for writes still being prepared (the measurements are in the README, Benchmarks).
   */
  private groupSize(): number {
    const head = this.waiting[0].priority;
    let same = 0;
    while (same < this.waiting.length && this.waiting[same].priority === head) same++;
    const byChain = Math.max(1, COLLECTIONS_PER_COMPOSITE + 1 - 2 * (head - LEAF_PRIORITY));
    const byDemand = Math.ceil((this.waiting.length * SLOTS_PER_PACKING_SHARE) / this.maxInFlight);
    return Math.max(Math.min(COLLECTIONS_PER_COMPOSITE, byChain, same, byDemand), this.smallGroup());
  }

  /**
   * Small writes (a delta's few changes, an object's last batch) are packed even while slots are free, in
   * queue order whatever their priority, as long as they hold together no more records than one collection:
   * the Composite then takes no longer than a full batch sent alone (the org's time goes by records written,
   * plus one latency), the writes first in the queue still run first, and the run makes one call instead of
   * up to five. Full batches never qualify, so a full run's packing is groupSize's alone.
   */
  private smallGroup(): number {
    let records = 0;
    let count = 0;
    for (const entry of this.waiting) {
      records += entry.request.records.length;
      if (count === COLLECTIONS_PER_COMPOSITE || records > MAX_COLLECTION_SIZE) break;
      count++;
    }
    return Math.max(1, count);
  }

  private async send(group: Waiting[]): Promise<void> {
    const records = group.reduce((sum, entry) => sum + entry.request.records.length, 0);
    // The round trip small writes wait a share of: measured on small writes only (a full one adds its records' time).
    if (records < MAX_COLLECTION_SIZE) {
      const started = performance.now();
      await this.sendNow(group);
      this.window.measured(performance.now() - started);
    } else await this.sendNow(group);
  }

  private async sendNow(group: Waiting[]): Promise<void> {
    if (group.length === 1) {
      const [only] = group;
      await writeCollection(this.api, only.request).then(only.resolve, only.reject);
      return;
    }
    let answer: CompositeAnswer;
    try {
      answer = await this.api.request<CompositeAnswer>('POST', '/composite', {
        allOrNone: false,
        compositeRequest: group.map((entry, index) => {
          const call = collectionCall(entry.request);
          return { method: call.method, url: dataPath(this.api.apiVersion, call.path), referenceId: `w${index}`, body: call.body };
        }),
      });
    } catch (error) {
      for (const entry of group) entry.reject(error);
      return;
    }
    group.forEach((entry, index) => {
      const sub = answer.compositeResponse.find((response) => response.referenceId === `w${index}`);
      if (!sub) entry.reject(subrequestError({ httpStatusCode: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'The Composite response has no answer for this write.' }] }));
      else if (sub.httpStatusCode >= 400) entry.reject(subrequestError(sub));
      else entry.resolve(sub.body as RecordResult[]);
    });
  }
}
