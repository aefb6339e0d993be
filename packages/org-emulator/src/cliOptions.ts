/** Parses and checks the emulator CLI's flags (node:util parseArgs); UsageError for anything wrong. */
import { parseArgs } from 'node:util';
import { AUTOMATION_NAMES, DATASET_NAMES } from './datasets/index.js';
import { FaultSpecError, parseFaultSpec } from './faults/faultSpec.js';
import type { StartOrgOptions } from './index.js';

export class UsageError extends Error {}

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
        automation: { type: 'string' },
        records: { type: 'string' },
        seed: { type: 'string' },
        'seed-age-days': { type: 'string' },
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
  if (values.dataset !== undefined && !(DATASET_NAMES as readonly string[]).includes(values.dataset)) {
    throw new UsageError(`--dataset must be one of ${DATASET_NAMES.join(', ')}, got '${values.dataset}'`);
  }
  if (values.automation !== undefined && !(AUTOMATION_NAMES as readonly string[]).includes(values.automation)) {
    throw new UsageError(`--automation must be one of ${AUTOMATION_NAMES.join(', ')}, got '${values.automation}'`);
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
    dataset: values.dataset as StartOrgOptions['dataset'],
    automation: values.automation as StartOrgOptions['automation'],
    records: integer('records', values.records, 1),
    seed: integer('seed', values.seed),
    seedAgeDays: integer('seed-age-days', values['seed-age-days']),
    schema: values.schema,
    latencyMs: integer('latency-ms', values['latency-ms']),
    perRecordMs: integer('per-record-ms', values['per-record-ms']),
    maxConcurrent: integer('max-concurrent', values['max-concurrent']),
    faults,
    edition: values.edition as StartOrgOptions['edition'],
    username: values.username,
  };
}
