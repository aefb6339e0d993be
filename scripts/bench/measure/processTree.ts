/**
 * Memory of a process and its descendants, read from Linux's /proc: the tool under test runs in a child
 * process, so its memory is measured apart from the emulated orgs that live in the bench process.
 */
import { readFileSync, readdirSync } from 'node:fs';

export type ProcessMemory = { pid: number; rssBytes: number; peakRssBytes: number };

/** `VmRSS` (now) and `VmHWM` (the process's own peak) of a /proc/<pid>/status text, in bytes. */
export function parseStatusMemory(status: string): { rssBytes: number; peakRssBytes: number } {
  const kilobytes = (key: string): number => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  };
  return { rssBytes: kilobytes('VmRSS'), peakRssBytes: kilobytes('VmHWM') };
}

/** The parent pid of a /proc/<pid>/stat text (field 4; the command name in field 2 may hold spaces). */
export function parseStatParent(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[1]);
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/** Pid -> parent pid of every process now alive. */
function parentsByPid(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrUndefined(`/proc/${entry}/stat`);
    if (stat) parents.set(Number(entry), parseStatParent(stat));
  }
  return parents;
}

/** `root` and every process descended from it. */
export function descendants(root: number, parents: Map<number, number> = parentsByPid()): number[] {
  const tree = [root];
  for (let index = 0; index < tree.length; index++) {
    for (const [pid, parent] of parents) if (parent === tree[index]) tree.push(pid);
  }
  return tree;
}

/** Memory of each live process of the tree rooted at `root`. */
export function treeMemory(root: number): ProcessMemory[] {
  return descendants(root).flatMap((pid) => {
    const status = readOrUndefined(`/proc/${pid}/status`);
    return status ? [{ pid, ...parseStatusMemory(status) }] : [];
  });
}

/**
 * Peak RSS of a process tree, from samples taken while it runs: the larger of the largest sum of the tree's
 * RSS at one moment and the largest single process's own high-water mark (which catches a peak that fell
 * between two samples, as the tools under test are one process each).
 */
export class PeakRssSampler {
  private peakBytes = 0;

  public sample(memory: ProcessMemory[]): void {
    const together = memory.reduce((sum, process) => sum + process.rssBytes, 0);
    const single = memory.reduce((max, process) => Math.max(max, process.peakRssBytes), 0);
    this.peakBytes = Math.max(this.peakBytes, together, single);
  }

  public get peak(): number {
    return this.peakBytes;
  }
}
