import type { WriteRequest } from './writeTypes.js';

/** A record as a write would send it: its operation, ids and values (transformed, masked; updates: the changes). */
export type SampleRecord = { operation: 'insert' | 'upsert' | 'update'; sourceId: string; targetId?: string; values: Record<string, unknown> };

/**
 * The first records of each object a dry run would send (`sf isync scan --show-sample N`), so that people can
 * check a mapping or a mask before running it. Kept by the dry-run writer, which sees exactly what a real
 * writer would be given.
 */
export class WriteSamples {
  private readonly byObject = new Map<string, SampleRecord[]>();

  public constructor(private readonly perObject: number) {}

  public record(request: WriteRequest): void {
    const { operation } = request;
    if (operation !== 'insert' && operation !== 'upsert' && operation !== 'update') return;
    const kept = this.byObject.get(request.object) ?? [];
    for (const item of request.items.slice(0, this.perObject - kept.length)) {
      kept.push({ operation, sourceId: item.sourceId, ...(item.targetId ? { targetId: item.targetId } : {}), values: { ...item.values } });
    }
    this.byObject.set(request.object, kept);
  }

  /** Object -> its sampled records, in the order they were written. */
  public byObjectName(): Record<string, SampleRecord[]> {
    return Object.fromEntries(this.byObject);
  }
}
