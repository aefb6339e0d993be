import { ParallelMultiStageOutput } from '@oclif/multi-stage-output';
import type { ObjectProgress } from '../lib/load/syncContext.js';
import type { RunEvent } from '../lib/run/runEvents.js';

type ViewData = Record<string, string>;

const DEFERRED_STAGE = 'Deferred lookups';

/**
 * The live view of a run: one line per object with its status, counts and elapsed time (oclif's
 * multi-stage output: a spinner per running object on a terminal, plain periodic lines in CI, nothing with
 * --json), and a last line for the deferred-lookup update pass.
 */
export class RunProgressView {
  private readonly output: ParallelMultiStageOutput<ViewData>;
  private readonly started = new Set<string>();

  public constructor(title: string, objects: string[], jsonEnabled: boolean) {
    this.output = new ParallelMultiStageOutput<ViewData>({
      title,
      stages: [...objects, DEFERRED_STAGE],
      jsonEnabled,
      stageSpecificBlock: objects.map((object) => ({
        stage: object,
        type: 'message' as const,
        get: (data?: ViewData): string | undefined => data?.[object],
      })),
    });
  }

  public handle(event: RunEvent): void {
    if (event.type === 'object') this.objectProgress(event.progress);
    if (event.type === 'state' && ['synced', 'synced_with_errors', 'scanned'].includes(event.state)) {
      this.output.startStage(DEFERRED_STAGE);
      this.output.stopStage(DEFERRED_STAGE);
    }
  }

  /** Ends the view; unfinished objects are shown as failed when the run did not complete. */
  public stop(completed: boolean): void {
    this.output.stop(completed ? 'completed' : 'failed');
  }

  private objectProgress(progress: ObjectProgress): void {
    const { object, counts } = progress;
    if (!this.started.has(object)) {
      this.started.add(object);
      this.output.startStage(object);
    }
    const line = `inserted ${counts.inserted} · updated ${counts.updated} · unchanged ${counts.unchanged} · skipped ${counts.skipped} · failed ${counts.failed}`;
    this.output.updateData({ [object]: line });
    if (progress.status === 'done') this.output.stopStage(object, { [object]: line });
  }
}
