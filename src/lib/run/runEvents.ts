import type { RunState } from '../journal/runState.js';
import type { ObjectProgress } from '../load/engineRun.js';
import type { AutomationEvent } from '../automation/automationSwitch.js';

/** What a run tells whoever renders it (the command's live table, or nothing with --json). */
export type RunEvent =
  | { type: 'state'; state: RunState; runId: string }
  | { type: 'object'; progress: ObjectProgress }
  | { type: 'note'; object: string; note: string }
  | { type: 'retry'; object: string; reason: string; attempt: number; delayMs: number }
  | AutomationEvent;

export type RunListener = (event: RunEvent) => void;
