import { loadHistory } from '../../src/lib/history/loadHistory.js';
import { importSegmentName, pairFolder } from '../../src/lib/history/historyPaths.js';
import { expect } from 'chai';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { RunMeta } from '../../src/lib/journal/runMeta.js';
import pLimit from 'p-limit';
import { BAD_INPUT_CASES, type BadInputCase, type BadInputContext, type PreparedRuns } from './badInputCases.js';
import { expectRefusal, filesSnapshot, writeRequests } from './badInputChecks.js';
import { loginWithCore, startOrgPair, type LoginOrg, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin, type PluginRun } from '../../harness/runPlugin.js';

/**
 * What the bad-input table runs against, prepared the same way for `test/integration/badInput.test.ts`
 * (through bin/run.js) and `test/clients/badInputSf.test.ts` (through the real sf CLI): the org pairs, the
 * production org, the runs in the states the cases need, and the scratch files. Only the login differs: the
 * sf test logs in with `sf org login access-token` itself.
 */
export type BadInputWorld = {
  main: OrgPair;
  altered: OrgPair;
  production: EmulatedOrg;
  ctx: BadInputContext;
  /** The folder of every file the world made (templates, the empty journal folder, the plain file). */
  scratch: string;
  orgs(): EmulatedOrg[];
  /** The environment (sandboxed HOME and journal folder) of the pair a case runs against. */
  envOf(badInput: BadInputCase): NodeJS.ProcessEnv;
  /**
   * Brings the main pair's id map segments up to date with its journals, as every sync does before it runs:
   * tests that add runs call it before a snapshot of the files, so that the snapshot shows what cases write.
   */
  refreshIdMap(): Promise<void>;
  stop(): Promise<void>;
};

async function refreshIdMap(pair: OrgPair): Promise<void> {
  await loadHistory(pair.env.SF_ISYNC_JOURNAL_DIR!, { sourceOrgId: pair.source.orgId, targetOrgId: pair.target.orgId }, { damagedJournal: 'skip' });
}

/** The altered target: a required-lookup cycle between Team__c and Team_Member__c, fields the source has. */
const ALTERED_TARGET_SCHEMA = {
  removeFields: { Account: ['Rating'], Supplier__c: ['External_Id__c'] },
  changeFields: { 'Team__c.Captain__c': { required: true }, 'Team_Member__c.Team__c': { required: true } },
};

export function succeeded(run: PluginRun): PluginRun {
  expect(run.code, run.stdout + run.stderr).to.equal(0);
  return run;
}

/** A copy of a run's journal under a new run id, its header edited. */
export function copyRun(journalDir: string, from: string, to: string, edit: (meta: RunMeta) => RunMeta): void {
  cpSync(join(journalDir, from), join(journalDir, to), { recursive: true });
  const metaPath = join(journalDir, to, 'run.json');
  writeFileSync(metaPath, JSON.stringify(edit({ ...(JSON.parse(readFileSync(metaPath, 'utf8')) as RunMeta), runId: to })));
}

/** Replaces a whole line of a journal file with `text` (JSON that is not an event, for the journal file cases). */
function replaceLine(path: string, lineNumber: number, text: string): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[lineNumber - 1] = text;
  writeFileSync(path, lines.join('\n'));
}

function damageLine(path: string, lineNumber: number): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[lineNumber - 1] = lines[lineNumber - 1].slice(0, 25);
  writeFileSync(path, lines.join('\n'));
}

export async function prepareBadInputWorld(login: LoginOrg = loginWithCore): Promise<BadInputWorld> {
  const scratch = mkdtempSync(join(tmpdir(), 'isync-bad-input-'));
  const schemaFile = join(scratch, 'altered-target.json');
  writeFileSync(schemaFile, JSON.stringify(ALTERED_TARGET_SCHEMA));
  const [main, altered, production] = await Promise.all([
    startOrgPair({ dataset: 'demo' }, { dataset: 'empty' }, login),
    startOrgPair({ dataset: 'empty' }, { dataset: 'empty', schema: schemaFile }, login),
    startOrg({ username: 'admin@production.isync.test', edition: 'production', seed: 3 }),
  ]);
  const stop = async (): Promise<void> => {
    await Promise.all([main.stop(), altered.stop(), production.stop()]);
  };
  try {
    await login('prod', production, main.env);
    const ctx = await prepareRunsAndFiles(main, scratch);
    return {
      main,
      altered,
      production,
      ctx,
      scratch,
      orgs: () => [main.source, main.target, altered.source, altered.target, production],
      envOf: (badInput) => (badInput.pair === 'altered' ? altered : main).env,
      refreshIdMap: () => refreshIdMap(main),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The runs in the states the cases need (made with bin/run.js, in the main pair's journal) and the scratch files. */
async function prepareRunsAndFiles(main: OrgPair, scratch: string): Promise<BadInputContext> {
  const runIdOf = (run: PluginRun): string => jsonOf<ExecuteResult>(succeeded(run)).result.runId;
  const sync = ['-s', 'src', '-o', 'tgt', '--objects', 'Account', '--json'];
  const scan = runIdOf(await runPlugin(['isync', 'scan', ...sync], main.env));
  const dryRun = runIdOf(await runPlugin(['isync', 'execute', ...sync, '--dry-run'], main.env));
  const rolledBack = runIdOf(await runPlugin(['isync', 'execute', ...sync], main.env));
  succeeded(await runPlugin(['isync', 'rollback', '--run-id', rolledBack, '--json'], main.env));

  // Edited copies, dated before the real runs so that "the newest run" stays a real one.
  const journalDir = main.env.SF_ISYNC_JOURNAL_DIR!;
  const runs: PreparedRuns = {
    scan,
    dryRun,
    rolledBack,
    otherTargetOrg: '20000101T000001Z-0000a1',
    damagedEvents: '20000101T000002Z-0000a2',
    damagedMeta: '20000101T000003Z-0000a3',
    stillSyncing: '20000101T000004Z-0000a4',
    // Journal files
    unknownState: '20000101T000101Z-0000b1',
    noTemplate: '20000101T000102Z-0000b2',
    noPlan: '20000101T000103Z-0000b3',
    noObjects: '20000101T000104Z-0000b4',
    nullEvent: '20000101T000105Z-0000b5',
    bareRecordEvent: '20000101T000106Z-0000b6',
  };
  copyRun(journalDir, rolledBack, runs.otherTargetOrg, (meta) => ({ ...meta, state: 'synced', target: { ...meta.target, orgId: '00D000000000999AAA' } }));
  copyRun(journalDir, rolledBack, runs.damagedEvents, (meta) => ({ ...meta, state: 'synced' }));
  damageLine(join(journalDir, runs.damagedEvents, 'events.jsonl'), 3);
  copyRun(journalDir, rolledBack, runs.damagedMeta, (meta) => meta);
  writeFileSync(join(journalDir, runs.damagedMeta, 'run.json'), '{\n  "runId": "20000101T000003Z-0000a3",\n  "command": "exe');
  copyRun(journalDir, rolledBack, runs.stillSyncing, (meta) => ({ ...meta, state: 'syncing' }));
  // Journal files
  copyRun(journalDir, rolledBack, runs.unknownState, (meta) => ({ ...meta, state: 'bogus' as RunMeta['state'] }));
  copyRun(journalDir, rolledBack, runs.noTemplate, ({ template: _dropped, ...meta }) => meta as RunMeta);
  copyRun(journalDir, rolledBack, runs.noPlan, ({ plan: _dropped, ...meta }) => meta);
  copyRun(journalDir, rolledBack, runs.noObjects, ({ objects: _dropped, ...meta }) => meta as RunMeta);
  copyRun(journalDir, rolledBack, runs.nullEvent, (meta) => ({ ...meta, state: 'synced' }));
  replaceLine(join(journalDir, runs.nullEvent, 'events.jsonl'), 2, 'null');
  copyRun(journalDir, rolledBack, runs.bareRecordEvent, (meta) => ({ ...meta, state: 'synced' }));
  replaceLine(join(journalDir, runs.bareRecordEvent, 'events.jsonl'), 2, '{"type":"record"}');

  const files = join(scratch, 'files');
  mkdirSync(files);
  const emptyJournalDir = join(scratch, 'no-runs');
  mkdirSync(emptyJournalDir);
  const notAFolder = join(scratch, 'not-a-folder');
  writeFileSync(notAFolder, 'a file\n');
  const orgIds = { source: main.source.orgId, target: main.target.orgId };
  const pair = { sourceOrgId: orgIds.source, targetOrgId: orgIds.target };
  const damagedIdMapDir = join(scratch, 'damaged-id-map');
  mkdirSync(pairFolder(damagedIdMapDir, pair), { recursive: true });
  writeFileSync(join(pairFolder(damagedIdMapDir, pair), importSegmentName(new Date('2026-01-01T00:00:00Z'))), 'not a header\n');
  const ctx: BadInputContext = {
    file: (name, content) => {
      const path = join(files, name);
      writeFileSync(path, content);
      return path;
    },
    runs,
    emptyJournalDir,
    notAFolder,
    damagedIdMapDir,
    orgIds,
  };
  return ctx;
}

/**
 * The bad-input table as mocha tests, each case run by `run` (bin/run.js, or the real sf CLI): two processes
 * at a time (the machine has two cores), so that writes to the orgs and files written are checked over the
 * whole table rather than per case. `world()` is read when the table runs (it is prepared in a `before`).
 */
export function describeBadInputTable(world: () => BadInputWorld, run: (argv: string[], env: NodeJS.ProcessEnv) => Promise<PluginRun>): void {
  describe('the table', () => {
    let results: PluginRun[];
    let writesBefore: number[];
    let filesBefore: Record<string, string>;
    const folders = (): string[] => [world().main.env.SF_ISYNC_JOURNAL_DIR!, world().altered.env.SF_ISYNC_JOURNAL_DIR!, world().scratch];

    before(async () => {
      // Each case's files are made first, so that the files written during the table are the plugin's only.
      const argvs = BAD_INPUT_CASES.map((badInput) => badInput.argv(world().ctx));
      writesBefore = world().orgs().map(writeRequests);
      await world().refreshIdMap();
      filesBefore = filesSnapshot(folders());
      results = await pLimit(2).map(BAD_INPUT_CASES, (badInput, index) => run([...argvs[index], '--json'], world().envOf(badInput)));
    });

    BAD_INPUT_CASES.forEach((badInput, index) => {
      it(badInput.name, () => {
        expectRefusal(badInput, results[index], world().ctx);
      });
    });

    it('wrote nothing to any org, in any case', () => {
      expect(world().orgs().map(writeRequests)).to.deep.equal(writesBefore);
    });

    it('wrote no journal and no file, in any case', () => {
      const after = filesSnapshot(folders());
      const changed = Object.keys({ ...after, ...filesBefore }).filter((path) => after[path] !== filesBefore[path]);
      expect(changed, 'files written, changed or removed').to.deep.equal([]);
    });
  });
}
