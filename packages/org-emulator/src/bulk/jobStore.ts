/**
 * Every Bulk 2.0 job of the org, ingest and query, by id, in creation order (Salesforce lists jobs in "an
 * indeterminate order"; creation order keeps tests readable).
 */
import { createJobIdGenerator } from './jobIds.js';
import { Pacer } from './pacer.js';
import type { IngestJob, Job, QueryJob } from './types.js';

export class JobStore {
  public readonly pacer = new Pacer();
  private jobs = new Map<string, Job>();
  private nextId = createJobIdGenerator();

  public newId(): string {
    return this.nextId();
  }

  public add(job: Job): void {
    this.jobs.set(job.id, job);
  }

  public ingest(id: string): IngestJob | undefined {
    const job = this.jobs.get(id);
    return job?.kind === 'ingest' ? job : undefined;
  }

  public query(id: string): QueryJob | undefined {
    const job = this.jobs.get(id);
    return job?.kind === 'query' ? job : undefined;
  }

  /** True when `job` is still stored: background work on a deleted job stops. */
  public holds(job: Job): boolean {
    return this.jobs.get(job.id) === job;
  }

  public remove(id: string): void {
    this.jobs.delete(id);
  }

  public list<K extends Job['kind']>(kind: K): Array<Extract<Job, { kind: K }>> {
    return [...this.jobs.values()].filter((job): job is Extract<Job, { kind: K }> => job.kind === kind);
  }

  public reset(): void {
    this.pacer.cancelAll();
    this.jobs = new Map();
    this.nextId = createJobIdGenerator();
  }
}
