/**
 * What the dataset generators share while filling one org: the target, the seeded random source, the
 * owners and catalog created first, and a count of inserted records (bench stops at exactly N).
 */
import type { SeededRandom } from './random.js';
import type { SeedTarget } from './types.js';

export type CatalogEntry = { productId: string; pricebookEntryId: string; unitPrice: number };

export type Catalog = { pricebookId: string; entries: CatalogEntry[] };

export class SeedContext {
  private insertedCount = 0;
  private readonly sequences = new Map<string, number>();
  /** Users records are spread over (the running user first). */
  public owners: string[];
  public catalog: Catalog | undefined;

  public constructor(
    public readonly target: SeedTarget,
    public readonly random: SeededRandom
  ) {
    this.owners = [target.runningUserId];
  }

  public get inserted(): number {
    return this.insertedCount;
  }

  public insert(objectName: string, fields: Record<string, unknown>): string {
    const id = this.target.insert(objectName, fields);
    this.insertedCount++;
    return id;
  }

  public update(objectName: string, id: string, fields: Record<string, unknown>): void {
    this.target.update(objectName, id, fields);
  }

  /** The next number of a named sequence (1, 2, ...), for unique external ids and names. */
  public nextNumber(sequence: string): number {
    const value = (this.sequences.get(sequence) ?? 0) + 1;
    this.sequences.set(sequence, value);
    return value;
  }

  /** `PREFIX-000042`: unique, stable external ids. */
  public externalId(prefix: string): string {
    return `${prefix}-${String(this.nextNumber(prefix)).padStart(6, '0')}`;
  }

  public owner(): string {
    return this.random.pick(this.owners);
  }
}
