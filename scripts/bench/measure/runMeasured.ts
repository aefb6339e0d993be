/**
 * Runs a command as a child process and measures it as a user would see it: wall time from spawn to exit and
 * peak RSS of its process tree. Output goes to log files (a tool's log at 100,000 records is large), which
 * the caller reads back.
 */
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { PeakRssSampler, treeMemory } from './processTree.js';

export type MeasuredRun = {
  code: number;
  /** Set when the run was killed for passing `timeoutMs`. */
  timedOut: boolean;
  wallMs: number;
  peakRssBytes: number;
  /** When the process was spawned (epoch ms), to set against the orgs' first request (`firstRequestAt`). */
  startedAt: number;
};

export type MeasuredCommand = {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdoutFile: string;
  stderrFile: string;
  timeoutMs: number;
};

const SAMPLE_EVERY_MS = 100;

export function runMeasured(spec: MeasuredCommand): Promise<MeasuredRun> {
  const stdout = openSync(spec.stdoutFile, 'w');
  const stderr = openSync(spec.stderrFile, 'w');
  const startedAt = Date.now();
  const started = performance.now();
  const child = spawn(spec.command, spec.args, { env: spec.env, cwd: spec.cwd, stdio: ['ignore', stdout, stderr] });
  const sampler = new PeakRssSampler();
  const sample = (): void => {
    if (child.pid !== undefined) sampler.sample(treeMemory(child.pid));
  };
  const poll = setInterval(sample, SAMPLE_EVERY_MS);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
  }, spec.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      const wallMs = performance.now() - started;
      clearInterval(poll);
      clearTimeout(timer);
      closeSync(stdout);
      closeSync(stderr);
      resolve({ code: code ?? (signal ? 128 : 1), timedOut, wallMs, peakRssBytes: sampler.peak, startedAt });
    });
  });
}
