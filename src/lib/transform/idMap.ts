/**
 * Source id -> target id, for every record the run inserted, updated or matched. It is the one structure that
 * grows with the data, so it stores 15-character keys (the case-sensitive id without its checksum) and nothing
 * else per record.
 */
export class IdMap {
  private readonly map = new Map<string, string>();

  public set(sourceId: string, targetId: string): void {
    this.map.set(key(sourceId), targetId);
  }

  public get(sourceId: string): string | undefined {
    return this.map.get(key(sourceId));
  }

  public has(sourceId: string): boolean {
    return this.map.has(key(sourceId));
  }

  public get size(): number {
    return this.map.size;
  }
}

function key(id: string): string {
  return id.length === 18 ? id.slice(0, 15) : id;
}
