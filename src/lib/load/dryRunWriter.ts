import type { WriteSamples } from './writeSamples.js';
import type { RecordWriter, WriteOutcome, WriteRequest } from './writeTypes.js';

/** Placeholder target id of a record a dry run would insert; never sent to an org. */
export const WOULD_INSERT_PREFIX = 'dryrun:';

/**
 * The writer of `--dry-run` and `scan`: every write "succeeds" without a request, inserts get placeholder ids
 * so that children are classified as they would be in a real run.
 */
export class DryRunWriter implements RecordWriter {
  /** `samples`: keeps the first records of each object, as they would be sent (`scan --show-sample`). */
  public constructor(private readonly samples?: WriteSamples) {}

  public write(request: WriteRequest): Promise<WriteOutcome[]> {
    this.samples?.record(request);
    return Promise.resolve(
      request.items.map((item) => ({
        sourceId: item.sourceId,
        targetId: item.targetId ?? `${WOULD_INSERT_PREFIX}${item.sourceId}`,
        ok: true,
        created: request.operation === 'insert' || request.operation === 'upsert',
      }))
    );
  }
}
