/**
 * `npm run emulator -- --port <p> [--dataset empty|demo|bench] [--records N] [--seed S] [--schema FILE]
 * [--latency-ms N] [--per-record-ms N] [--max-concurrent N] [--faults SPEC] [--edition E] [--username U]`
 *
 * Prints one JSON line `{"instanceUrl","accessToken","username","orgId"}` once listening and serves until
 * SIGTERM/SIGINT. Bad flags: a message on stderr and exit code 2.
 */
import { parseArgs } from 'node:util';
import { FaultSpecError, parseFaultSpec } from './faults/faultSpec.js';
import { isDatasetName, startOrg, type StartOrgOptions } from './index.js';

class UsageError extends Error {}

const EDITIONS = ['developer', 'production', 'sandbox'] as const;

function integer(flag: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`--${flag} must be an integer >= ${min}, got '${text}'`);
  return Number(text);
}

export function parseCliOptions(argv: string[]): StartOrgOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        dataset: { type: 'string' },
        records: { type: 'string' },
        seed: { type: 'string' },
        schema: { type: 'string' },
        'latency-ms': { type: 'string' },
        'per-record-ms': { type: 'string' },
        'max-concurrent': { type: 'string' },
        faults: { type: 'string' },
        edition: { type: 'string' },
        username: { type: 'string' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const port = integer('port', values.port);
  if (port === undefined) throw new UsageError('--port is required (0 = any free port)');
  if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
  if (values.dataset !== undefined && !isDatasetName(values.dataset)) {
    throw new UsageError(`--dataset must be empty, demo or bench, got '${values.dataset}'`);
  }
  if (values.edition !== undefined && !(EDITIONS as readonly string[]).includes(values.edition)) {
    throw new UsageError(`--edition must be developer, production or sandbox, got '${values.edition}'`);
  }
  let faults;
  try {
    faults = values.faults === undefined ? undefined : parseFaultSpec(values.faults);
  } catch (e) {
    if (e instanceof FaultSpecError) throw new UsageError(`--faults: ${e.message}`);
    throw e;
  }
  return {
    port,
    dataset: values.dataset,
    records: integer('records', values.records, 1),
    seed: integer('seed', values.seed),
    schema: values.schema,
    latencyMs: integer('latency-ms', values['latency-ms']),
    perRecordMs: integer('per-record-ms', values['per-record-ms']),
    maxConcurrent: integer('max-concurrent', values['max-concurrent']),
    faults,
    edition: values.edition as StartOrgOptions['edition'],
    username: values.username,
  };
}

async function main(): Promise<void> {
  let options: StartOrgOptions;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`emulator: ${e.message}\n`);
    process.exit(2);
  }
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
