/**
 * `npm run emulator -- --port <p> [--dataset empty|users|demo|bench] [--automation demo|none] [--records N] [--seed S] [--schema FILE]
 * [--latency-ms N] [--per-record-ms N] [--max-concurrent N] [--faults SPEC] [--edition E] [--username U]`
 *
 * Prints one JSON line `{"instanceUrl","accessToken","username","orgId"}` once listening and serves until
 * SIGTERM/SIGINT. Bad flags: a message on stderr and exit code 2.
 */
import { parseCliOptions, UsageError } from './cliOptions.js';
import { startOrg, type StartOrgOptions } from './index.js';

async function main(): Promise<void> {
  let options: StartOrgOptions;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`emulator: ${e.message}\n`);
    process.exit(2);
  }
  // Orgs started by separate processes must not share a username: the sf CLI names auth files by username.
  // The port tells them apart and keeps the name (and so the ids) the same from one start to the next.
  if (!options.username && options.port) options = { ...options, username: `admin@port-${options.port}.emulator.isync.test` };
  const org = await startOrg(options);
  process.stdout.write(`${JSON.stringify({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, username: org.username, orgId: org.orgId })}\n`);
  const shutdown = (): void => {
    void org.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
