import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatedOrg } from '@sf-isync/org-emulator';
import { texts, type BadInputCase, type BadInputContext } from './badInputCases.js';
import { jsonOf, type PluginRun } from '../../harness/runPlugin.js';

/** Request kinds of the emulator that write records (REST single and collections, composite, bulk) or switch automation. */
/** Requests that can only write. A Composite request may carry reads (describes, counts): judged by the records it committed. */
const WRITE_KINDS =
  /^(collection(Create|Update|Upsert|Delete)|sobject(Create|Update|Upsert|Delete)|graph|tree|bulkJobCreate|tooling(Update|Create)|metadataUpdate)$/;

/** Write requests and records committed by any request, so far. */
export function writeRequests(org: EmulatedOrg): number {
  const { requests, recordsWritten } = org.stats() as unknown as { requests: Record<string, number>; recordsWritten: Record<string, number> };
  const writes = Object.entries(requests)
    .filter(([kind]) => WRITE_KINDS.test(kind))
    .reduce((sum, [, count]) => sum + count, 0);
  return writes + Object.values(recordsWritten).reduce((sum, count) => sum + count, 0);
}

/**
 * Every file under the folders, with a hash of its content: compared before and after the table, it shows
 * that no case wrote a journal (a new run, an appended event) or any other file.
 */
export function filesSnapshot(folders: string[]): Record<string, string> {
  const snapshot: Record<string, string> = {};
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) {
      snapshot[`${path}/`] = 'folder';
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else {
      snapshot[path] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  for (const folder of folders) if (existsSync(folder)) walk(folder);
  return snapshot;
}

/** Node's error codes and stack frames: never in what a user is shown. */
const RAW_NODE_ERROR = /\b(EISDIR|ENOENT|ENOTDIR|EACCES|EEXIST|EPERM)\b|^\s+at .+:\d+:\d+\)?$/m;

/** The assertions of one case: exit code, error name, the problem and the fix in the message or actions, no raw error. */
export function expectRefusal(badInput: BadInputCase, run: PluginRun, ctx: BadInputContext): void {
  const json = jsonOf(run);
  const output = `exit ${run.code}\n${run.stdout}\n${run.stderr}`;
  expect(run.code, output).to.equal(badInput.exit);
  expect(json.status, output).to.equal(badInput.exit);
  expect(json.name, output).to.equal(badInput.error);
  const message = json.message ?? '';
  for (const problem of texts(badInput.problem, ctx)) {
    if (typeof problem === 'string') expect(message, output).to.contain(problem);
    else expect(message, output).to.match(problem);
  }
  const advice = [message, ...(json.actions ?? [])].join('\n');
  for (const fix of texts(badInput.fix, ctx)) {
    if (typeof fix === 'string') expect(advice, output).to.contain(fix);
    else expect(advice, output).to.match(fix);
  }
  // Our own errors always come with actions; oclif's parse errors (named just Error) put the fix in the message.
  if (badInput.error !== 'Error') expect(json.actions ?? [], output).to.not.be.empty;
  expect(advice, output).to.not.match(RAW_NODE_ERROR);
  expect(run.stderr, output).to.not.match(RAW_NODE_ERROR);
}
