/**
 * `npm run demo`: the whole product on a laptop, offline. Starts two emulated orgs (a source with the demo
 * dataset, a target with the same users and no data), logs them in as sf aliases in a temporary sf home (never the user's own), shows
 * the migration order, runs `sf isync execute` with live progress, shows target records whose lookups were
 * remapped, runs the sync again to show that nothing is written twice, syncs Case and Task by plain `--objects`
 * (matched by history: the id map of the runs before), changes and deletes a few source records and runs a
 * delta with deletions (scan first, then execute, then the last sync dates, then a rollback that undeletes),
 * syncs legacy records into a copy of the source whose automation refuses them, without and then with
 * `--disable-automation` (scripts/demo.ts automationDemo), maps, computes and masks fields with the example
 * template of examples/transformations (scripts/demoTransform.ts), generates a template from the org and compares
 * and fixes a target's schema (scripts/demoCompare.ts), then kills a sync into a slow target mid-way, resumes it and rolls it back (scripts/demoCrash.ts).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startOrg } from '@sf-isync/org-emulator';
import { callOrg, queryOrg } from '../harness/emulatedOrgs.js';
import { REPO_ROOT, runTs } from '../harness/runPlugin.js';
import { sandboxEnv } from '../harness/sandboxHome.js';
import { crashDemo } from './demoCrash.js';
import { transformDemo } from './demoTransform.js';
import { compareDemo } from './demoCompare.js';

const TEMPLATE = 'examples/demo-template.json';

function sf(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  console.log(`\n$ sf ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'run.js'), ...args], { env, cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function nameOf(value: unknown, field = 'Name'): string {
  return value && typeof value === 'object' ? String((value as Record<string, unknown>)[field]) : '—';
}

// Data a day old, as a real org's is: older than a delta's safety margin, so a delta reads only what changes.
const source = await startOrg({ dataset: 'demo', username: 'admin@demo-source.isync.test', seedAgeDays: 1 });
// The target has the same people (found by e-mail, so they own their records there too) and no data.
const target = await startOrg({ dataset: 'users', username: 'admin@demo-target.isync.test', seed: 2 });
// A copy of the source with the demo's automation on it (validation rule, flow, trigger, duplicate rule...).
const copy = await startOrg({ dataset: 'demo', username: 'admin@demo-copy.isync.test', seed: 1, edition: 'sandbox' });
// A third org, slow enough that a killed sync leaves batches in flight.
const slow = await startOrg({ dataset: 'users', username: 'admin@demo-slow.isync.test', seed: 4, latencyMs: 40, perRecordMs: 8 });
const env = sandboxEnv();
try {
  console.log(`Source org (demo data): ${source.instanceUrl}  ${source.username}`);
  console.log(`Target org (no data):   ${target.instanceUrl}  ${target.username}`);
  console.log(`Temporary sf home:      ${env.HOME}`);
  for (const [alias, org] of [
    ['isync-demo-source', source],
    ['isync-demo-target', target],
    ['isync-demo-slow', slow],
    ['isync-demo-copy', copy],
  ] as const) {
    const login = await runTs('harness/loginEmulatedOrg.ts', [alias, org.instanceUrl, org.accessToken], env);
    if (login.code !== 0) throw new Error(`Could not log in ${alias}: ${login.stderr}`);
  }
  const orgs = ['--source-org', 'isync-demo-source', '--target-org', 'isync-demo-target', '--template', TEMPLATE];
  await sf(['isync', 'order', ...orgs], env);
  const code = await sf(['isync', 'execute', ...orgs], env);

  console.log('\nA few records in the target, read back with SOQL (lookups point to the target’s own records):');
  const contacts = await queryOrg(target, 'SELECT Name, Account.Name, ReportsTo.Name FROM Contact WHERE ReportsToId != null ORDER BY Name LIMIT 4');
  for (const row of contacts) console.log(`  Contact ${String(row.Name)} → Account ${nameOf(row.Account)}, reports to ${nameOf(row.ReportsTo)}`);
  const accounts = await queryOrg(target, 'SELECT Name, Parent.Name, RecordType.DeveloperName FROM Account WHERE ParentId != null ORDER BY Name LIMIT 3');
  for (const row of accounts)
    console.log(`  Account ${String(row.Name)} → parent ${nameOf(row.Parent)} (record type ${nameOf(row.RecordType, 'DeveloperName')})`);
  const teams = await queryOrg(target, 'SELECT Name, Captain__r.Contact__r.Name FROM Team__c ORDER BY Name LIMIT 2');
  for (const row of teams) {
    const captain = (row.Captain__r as { Contact__r?: unknown } | null)?.Contact__r;
    console.log(`  Team ${String(row.Name)} → captain ${nameOf(captain)} (a cycle, closed by the update pass)`);
  }

  console.log('\nThe same sync again: every record is matched and unchanged, nothing is written.');
  await sf(['isync', 'execute', ...orgs], env);

  // Case and Task have no natural key: plain --objects matches them through the id map of the runs above.
  console.log('\nObjects without a natural key, by plain --objects: Case and Task are matched by history (the id map of');
  console.log('the runs above between these two orgs), and so are their lookups: nothing is written.');
  const byHistory = ['--source-org', 'isync-demo-source', '--target-org', 'isync-demo-target', '--objects', 'Case,Task'];
  await sf(['isync', 'order', ...byHistory], env);
  const historyCode = await sf(['isync', 'execute', ...byHistory], env);

  console.log('\nKeeping the target in step: 3 Accounts change in the source and 2 Cases are deleted there. A delta');
  console.log('reads only what changed since the last sync (SystemModstamp), and --include-deleted deletes the matches.');
  for (const row of await queryOrg(source, 'SELECT Id FROM Account ORDER BY Id LIMIT 3'))
    source.org.seedTarget.update('Account', String(row.Id), { Industry: 'Biotechnology' });
  for (const row of await queryOrg(source, 'SELECT Id FROM Case WHERE ParentId = null ORDER BY Id DESC LIMIT 2'))
    await callOrg(source, 'DELETE', `/sobjects/Case/${String(row.Id)}`);
  const delta = [...orgs, '--sync-type', 'delta', '--include-deleted'];
  await sf(['isync', 'scan', ...delta], env);
  const deltaCode = await sf(['isync', 'execute', ...delta], env);
  await sf(['isync', 'runs', '--sync-dates'], env);
  console.log('\nRolling the delta back: the updates are restored and the deleted Cases come back from the recycle bin, same ids.');
  await sf(['isync', 'rollback'], env);

  const automationCode = await automationDemo(env);
  const transformCode = await transformDemo(sf, env, source);
  const compareCode = await compareDemo(sf, env);

  const crash = await crashDemo(sf, env, slow, ['--source-org', 'isync-demo-source', '--target-org', 'isync-demo-slow', '--template', TEMPLATE]);
  process.exitCode = code || historyCode || deltaCode || automationCode || transformCode || compareCode || crash;
} finally {
  await Promise.all([source.stop(), target.stop(), slow.stop(), copy.stop()]);
}

/**
 * Automation control: two legacy source records break the copy's validation rule and duplicate rule. Without
 * --disable-automation they fail with the rules' codes; with it they load, and the list afterwards shows every
 * item as it was.
 */
async function automationDemo(sfEnv: NodeJS.ProcessEnv): Promise<number> {
  console.log('\nAutomation control: the target is a copy of the source with its automation (a validation rule, a flow,');
  console.log('a Process Builder process, a trigger, a duplicate rule, a workflow rule, a managed rule). Two legacy source');
  console.log('records predate the rules.');
  const seeded = await fetch(`${source.instanceUrl}/__emulator/automation/legacy-records`, { method: 'POST' });
  if (!seeded.ok) throw new Error(`Could not seed the legacy records: ${await seeded.text()}`);
  const toCopy = ['--source-org', 'isync-demo-source', '--target-org', 'isync-demo-copy', '--template', TEMPLATE];
  const list = ['isync', 'automation', 'list', '--target-org', 'isync-demo-copy', '--template', TEMPLATE];
  await sf(list, sfEnv);
  console.log('\nWithout --disable-automation the legacy records fail (exit 68: records failed):');
  const blocked = await sf(['isync', 'execute', ...toCopy], sfEnv);
  console.log('\nWith --disable-automation the rules are off for the run only, and back on after it:');
  const switched = await sf(['isync', 'execute', ...toCopy, '--disable-automation', 'validation-rules,flows,duplicate-rules'], sfEnv);
  await sf(list, sfEnv);
  return blocked === 68 ? switched : 1;
}
