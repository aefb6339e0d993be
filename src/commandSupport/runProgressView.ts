import { matchedText } from '../lib/template/matchMode.js';
import type { ParallelMultiStageOutput } from '@oclif/multi-stage-output';
import type { ObjectProgress } from '../lib/load/engineRun.js';
import type { RunEvent } from '../lib/run/runEvents.js';

type ViewData = Record<string, string>;

const DEFERRED_STAGE = 'Deferred lookups';
/** The view's data key of the automation line (not an object name: object names have no spaces). */
const AUTOMATION_KEY = 'automation state';
const SILENT: RunProgressView['output'] = { startStage() {}, stopStage() {}, updateData() {}, stop() {} };
/** Redraws at most this often: a terminal redraw per batch would cost more time than the sync itself. */
const REFRESH_MS = 250;

/**
 * The live view of a run: one line per object with its status, counts and elapsed time (oclif's
 * multi-stage output: a spinner per running object on a terminal, plain periodic lines in CI, nothing with
 * --json), and a last line for the deferred-lookup update pass. Progress events only record the latest state;
 * a timer applies it, so rendering never slows the sync down.
 */
export class RunProgressView {
  private readonly output: Pick<ParallelMultiStageOutput<ViewData>, 'startStage' | 'stopStage' | 'updateData' | 'stop'>;
  private readonly latest = new Map<string, ObjectProgress>();
  private readonly shown = new Map<string, ObjectProgress['status']>();
  private deferredDone = false;
  private readonly timer: NodeJS.Timeout;

  private constructor(output: RunProgressView['output']) {
    this.output = output;
    this.timer = setInterval(() => this.flush(), REFRESH_MS);
    this.timer.unref();
  }

  /**
   * The multi-stage output (ink and its layout engine) takes a third of a second to load: with --json, where
   * it draws nothing, it is not loaded at all.
   */
  public static async open(title: string, objects: string[], jsonEnabled: boolean): Promise<RunProgressView> {
    if (jsonEnabled) return new RunProgressView(SILENT);
    const { ParallelMultiStageOutput } = await import('@oclif/multi-stage-output');
    return new RunProgressView(
      new ParallelMultiStageOutput<ViewData>({
        title,
        stages: [...objects, DEFERRED_STAGE],
        jsonEnabled,
        preStagesBlock: [{ type: 'message' as const, get: (data?: ViewData): string | undefined => data?.[AUTOMATION_KEY] }],
        stageSpecificBlock: objects.map((object) => ({
          stage: object,
          type: 'message' as const,
          get: (data?: ViewData): string | undefined => data?.[object],
        })),
      })
    );
  }

  public handle(event: RunEvent): void {
    if (event.type === 'automationOff' || event.type === 'automationRestored') {
      this.output.updateData({ [AUTOMATION_KEY]: automationLine(event) });
      return;
    }
    if (event.type === 'object') this.latest.set(event.progress.object, event.progress);
    if (event.type === 'state' && ['synced', 'synced_with_errors', 'scanned'].includes(event.state)) this.deferredDone = true;
  }

  /** Ends the view; unfinished objects are shown as failed when the run did not complete. */
  public stop(completed: boolean): void {
    clearInterval(this.timer);
    this.flush();
    this.output.stop(completed ? 'completed' : 'failed');
  }

  private flush(): void {
    const data: ViewData = {};
    for (const [object, progress] of this.latest) {
      const { counts } = progress;
      const matched = matchedText(progress.matched);
      data[object] =
        `inserted ${counts.inserted} · updated ${counts.updated} · unchanged ${counts.unchanged} · skipped ${counts.skipped} · failed ${counts.failed}` +
        (counts.deleted > 0 ? ` · deleted ${counts.deleted}` : '') +
        (matched ? ` · by ${matched}` : '');
      const status = this.shown.get(object);
      if (!status) this.output.startStage(object, data);
      if (progress.status === 'done' && status !== 'done') this.output.stopStage(object, data);
      this.shown.set(object, progress.status);
    }
    this.latest.clear();
    if (Object.keys(data).length > 0) this.output.updateData(data);
    if (this.deferredDone && !this.shown.has(DEFERRED_STAGE)) {
      this.output.startStage(DEFERRED_STAGE);
      this.output.stopStage(DEFERRED_STAGE);
      this.shown.set(DEFERRED_STAGE, 'done');
    }
  }
}

function automationLine(event: Extract<RunEvent, { type: 'automationOff' | 'automationRestored' }>): string {
  const names = (items: ReadonlyArray<{ name: string }>): string => items.map((item) => item.name).join(', ');
  if (event.type === 'automationOff') return `Automation switched off for the run: ${names(event.items)}`;
  if (event.failed.length > 0) return `Automation NOT switched back on: ${names(event.failed)} (run \`sf isync automation restore\`)`;
  return `Automation switched back on: ${names(event.restored)}`;
}
