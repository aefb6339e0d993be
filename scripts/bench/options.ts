/** Command-line options of `npm run bench` (node:util parseArgs); a BenchUsageError for anything wrong. */
import { parseArgs } from 'node:util';

/**
 * `isync-history`: the second sync between the same two orgs, Case and Task matched by history (see
 * tools/isync.ts). `isync-delta`: a delta sync after 1% of the source changed and 0.1% deleted (tools/isyncDelta.ts).
 * `isync-masked`: the bench template with Account, Contact and Lead personal and company data masked (tools/isync.ts).
 */
export const TOOL_NAMES = ['isync', 'sfdmu', 'isync-history', 'isync-delta', 'isync-masked'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];
/** What `npm run bench` compares without `--tools`: isync and SFDMU (the others are asked for by name). */
const DEFAULT_TOOLS: ToolName[] = ['isync', 'sfdmu'];

/** The emulator's cost model for every org of the run (see packages/org-emulator/src/http/costModel.ts). */
export type CostModel = { latencyMs: number; perRecordMs: number; maxConcurrent: number };

export type BenchOptions = {
  sizes: number[];
  tools: ToolName[];
  /** Adds the 1,000,000-record isync run (Bulk path), reported for its peak RSS. */
  million: boolean;
  model: CostModel;
  /** Dataset seed: both tools get identical data. */
  seed: number;
  /** A tool whose run at one size took longer than this is skipped at the larger sizes. */
  maxToolMinutes: number;
  /** `--grid`: isync under every cost model of the grid (grid.ts) instead of `--sizes` under one model. */
  grid: boolean;
};

export const DEFAULT_SIZES = [1_000, 10_000, 100_000];
export const MILLION = 1_000_000;
/** 50 ms a request, 1 ms a record, 25 requests in flight: Salesforce's long-running request cap. */
export const DEFAULT_MODEL: CostModel = { latencyMs: 50, perRecordMs: 1, maxConcurrent: 25 };
const DEFAULT_MAX_TOOL_MINUTES = 15;

export class BenchUsageError extends Error {}

const USAGE = `usage: npm run bench -- [--sizes 1000,10000] [--tools isync,sfdmu,isync-history,isync-delta,isync-masked] [--million]
  [--latency-ms 50] [--per-record-ms 1] [--max-concurrent 25] [--seed 1] [--max-tool-minutes 15]
  npm run bench -- --grid [--tools isync,sfdmu] [--seed 1]   (isync under a grid of cost models; SFDMU at two of its 100,000-record corners)`;

export function parseBenchOptions(argv: string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        sizes: { type: 'string' },
        tools: { type: 'string' },
        million: { type: 'boolean' },
        'latency-ms': { type: 'string' },
        'per-record-ms': { type: 'string' },
        'max-concurrent': { type: 'string' },
        seed: { type: 'string' },
        'max-tool-minutes': { type: 'string' },
        grid: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new BenchUsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const grid = values.grid ?? false;
  if (grid) {
    const other = [
      values.sizes && '--sizes',
      values.million && '--million',
      values['latency-ms'] && '--latency-ms',
      values['per-record-ms'] && '--per-record-ms',
      values['max-concurrent'] && '--max-concurrent',
    ].filter(Boolean);
    if (other.length > 0) throw new BenchUsageError(`--grid sets the sizes and cost models itself: leave out ${other.join(', ')}\n${USAGE}`);
  }
  const tools = values.tools === undefined ? (grid ? ['isync' as const] : [...DEFAULT_TOOLS]) : values.tools.split(',').map(toolName);
  if (grid && tools.some((tool) => tool !== 'isync' && tool !== 'sfdmu'))
    throw new BenchUsageError(`--grid runs isync (and SFDMU at two corners) only\n${USAGE}`);
  return {
    grid,
    sizes: values.sizes === undefined ? DEFAULT_SIZES : values.sizes.split(',').map((size) => whole('--sizes', size, 1)),
    tools,
    million: values.million ?? false,
    model: {
      latencyMs: number('--latency-ms', values['latency-ms'], DEFAULT_MODEL.latencyMs),
      perRecordMs: number('--per-record-ms', values['per-record-ms'], DEFAULT_MODEL.perRecordMs),
      maxConcurrent: values['max-concurrent'] === undefined ? DEFAULT_MODEL.maxConcurrent : whole('--max-concurrent', values['max-concurrent'], 0),
    },
    seed: values.seed === undefined ? 1 : whole('--seed', values.seed, 1),
    maxToolMinutes: number('--max-tool-minutes', values['max-tool-minutes'], DEFAULT_MAX_TOOL_MINUTES),
  };
}

function toolName(text: string): ToolName {
  const name = TOOL_NAMES.find((tool) => tool === text.trim());
  if (!name) throw new BenchUsageError(`--tools: unknown tool "${text}" (known: ${TOOL_NAMES.join(', ')})\n${USAGE}`);
  return name;
}

function whole(flag: string, text: string, minimum: number): number {
  const value = Number(text.trim().replace(/_/g, ''));
  if (!Number.isInteger(value) || value < minimum) throw new BenchUsageError(`${flag}: "${text}" is not a whole number >= ${minimum}\n${USAGE}`);
  return value;
}

/** A non-negative number (milliseconds may be fractional: 0.5 ms a record). */
function number(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new BenchUsageError(`${flag}: "${text}" is not a number >= 0\n${USAGE}`);
  return value;
}
