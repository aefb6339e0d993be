/**
 * `npm run bench:emulator [-- --insert-records N --memory-records N --concurrency N]`
 *
 * Measures the local org emulator with its cost model at zero, over real HTTP on loopback:
 *   (a) records/s accepted through `composite/sobjects` create, 200 records a request, several in flight;
 *   (b) rows/s paging a query through the records (a) created (`nextRecordsUrl`, 2,000 rows a page);
 *   (c) memory holding the `bench` dataset (1,000,000 records by default) after a full GC, and the time of
 *       one 200-id delete (`composite/sobjects?ids=`) on that org.
 * The org runs in its own process (so the client does not share its event loop); (c) runs in another one,
 * started with `--expose-gc` so the heap can be measured after collection. Prints a markdown table and
 * writes `bench-results/emulator.json`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const API = '/services/data/v62.0';
const BATCH = 200;
const TARGET_RECORDS_PER_SECOND = 20_000;
const TARGET_MEMORY_MB = 1536;
const SCRIPT = fileURLToPath(import.meta.url);

type Options = { insertRecords: number; memoryRecords: number; concurrency: number };
type OrgHandle = { instanceUrl: string; accessToken: string };
type InsertResult = { records: number; failed: number; seconds: number; recordsPerSecond: number; concurrency: number };
type QueryResult = { rows: number; pages: number; seconds: number; rowsPerSecond: number; firstPageMs: number };
type MemoryResult = {
  records: number;
  seedSeconds: number;
  rssMb: number;
  heapUsedMb: number;
  gcExposed: boolean;
  delete200: { ms: number; succeeded: number; failed: number; errorCodes: string[] };
};

function parseOptions(argv: string[]): Options {
  const value = (flag: string, fallback: number): number => {
    const index = argv.indexOf(flag);
    if (index < 0) return fallback;
    const parsed = Number(argv[index + 1]);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${flag} needs a positive whole number`);
    return parsed;
  };
  return {
    insertRecords: value('--insert-records', 100_000),
    memoryRecords: value('--memory-records', 1_000_000),
    concurrency: value('--concurrency', 8),
  };
}

const megabytes = (bytes: number): number => Math.round(bytes / 1024 / 102.4) / 10;

/** A tiny JSON client on a keep-alive agent: the cheapest client-side cost per call. */
class JsonClient {
  private readonly agent: Agent;
  private readonly url: URL;

  public constructor(
    private readonly org: OrgHandle,
    sockets: number
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
    this.url = new URL(org.instanceUrl);
  }

  public call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers: {
            Authorization: `Bearer ${this.org.accessToken}`,
            ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 500) >= 300) reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`));
            else resolve((text === '' ? undefined : JSON.parse(text)) as T);
          });
          res.on('error', reject);
        }
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  public close(): void {
    this.agent.destroy();
  }
}

/** A realistic Account payload: the fields a migration typically carries. */
function account(n: number): Record<string, unknown> {
  return {
    attributes: { type: 'Account' },
    Name: `Bench Account ${n}`,
    Type: 'Prospect',
    Industry: ['Energy', 'Banking', 'Retail', 'Transportation'][n % 4],
    BillingCity: ['Paris', 'Lyon', 'Boston', 'Osaka'][n % 4],
    BillingCountry: 'France',
    Phone: `+33 1 ${String(n).padStart(8, '0')}`,
    Website: `https://account-${n}.example.com`,
    NumberOfEmployees: 10 + (n % 5000),
    AccountNumber: `BENCH-${String(n).padStart(7, '0')}`,
    Description: 'Created by the emulator benchmark through sObject Collections.',
  };
}

async function measureInserts(client: JsonClient, options: Options): Promise<InsertResult> {
  const requests = Math.ceil(options.insertRecords / BATCH);
  let next = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < requests) {
      const batch = next++;
      const size = Math.min(BATCH, options.insertRecords - batch * BATCH);
      const records = Array.from({ length: size }, (_, i) => account(batch * BATCH + i));
      const results = await client.call<Array<{ success: boolean }>>('POST', `${API}/composite/sobjects`, { allOrNone: false, records });
      failed += results.filter((r) => !r.success).length;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const records = options.insertRecords - failed;
  return { records, failed, seconds: round(seconds, 2), recordsPerSecond: Math.round(records / seconds), concurrency: options.concurrency };
}

async function measureQuery(client: JsonClient): Promise<QueryResult> {
  type Page = { done: boolean; nextRecordsUrl?: string; records: unknown[] };
  const soql = 'SELECT Id, Name, Type, Industry, BillingCity, NumberOfEmployees, AccountNumber, OwnerId, CreatedDate FROM Account';
  const started = performance.now();
  let page = await client.call<Page>('GET', `${API}/query?q=${encodeURIComponent(soql)}`);
  const firstPageMs = performance.now() - started;
  let rows = page.records.length;
  let pages = 1;
  while (!page.done && page.nextRecordsUrl) {
    page = await client.call<Page>('GET', page.nextRecordsUrl);
    rows += page.records.length;
    pages++;
  }
  const seconds = (performance.now() - started) / 1000;
  return { rows, pages, seconds: round(seconds, 2), rowsPerSecond: Math.round(rows / seconds), firstPageMs: Math.round(firstPageMs) };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Starts a node child on this machine's Node with tsx, and reads the first JSON line it prints. */
async function startChild(args: string[]): Promise<{ child: ChildProcess; line: unknown }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`))));
  const firstLine = new Promise<string>((resolve) => lines.once('line', resolve));
  const line = await Promise.race([firstLine, exited]);
  return { child, line: JSON.parse(line) as unknown };
}

async function runMemoryChild(records: number): Promise<MemoryResult> {
  const { child, line } = await startChild(['--expose-gc', SCRIPT, '--memory-child', String(records)]);
  child.kill('SIGTERM');
  return line as MemoryResult;
}

/** In the `--expose-gc` child: seed `records`, collect, measure, then time one 200-id delete over HTTP. */
async function memoryChild(records: number): Promise<void> {
  const { startOrg } = await import('@sf-isync/org-emulator');
  const started = performance.now();
  const org = await startOrg({ dataset: 'bench', records });
  const seedSeconds = (performance.now() - started) / 1000;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const memory = process.memoryUsage();
  const accounts = org.org.records('Account');
  const step = Math.max(1, Math.floor(accounts.length / 200));
  const ids = accounts
    .filter((_, i) => i % step === 0)
    .slice(0, 200)
    .map((a) => a.Id);
  const client = new JsonClient(org, 1);
  const deleteStarted = performance.now();
  const results = await client.call<Array<{ success: boolean; errors: Array<{ statusCode: string }> }>>(
    'DELETE',
    `${API}/composite/sobjects?allOrNone=false&ids=${ids.join(',')}`
  );
  const deleteMs = performance.now() - deleteStarted;
  client.close();
  const result: MemoryResult = {
    records,
    seedSeconds: round(seedSeconds, 1),
    rssMb: megabytes(memory.rss),
    heapUsedMb: megabytes(memory.heapUsed),
    gcExposed: gc !== undefined,
    delete200: {
      ms: Math.round(deleteMs),
      succeeded: results.filter((r) => r.success).length,
      failed: results.filter((r) => !r.success).length,
      errorCodes: [...new Set(results.flatMap((r) => r.errors.map((e) => e.statusCode)))],
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await org.stop();
}

function table(insert: InsertResult, query: QueryResult, memory: MemoryResult): string {
  const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  return [
    '| Measure | Result | Target |',
    '|---|---|---|',
    `| composite/sobjects create, ${BATCH}/request, ${insert.concurrency} in flight | ${insert.recordsPerSecond.toLocaleString('en-US')} records/s (${insert.records.toLocaleString('en-US')} Accounts in ${insert.seconds} s) | ≥ ${TARGET_RECORDS_PER_SECOND.toLocaleString('en-US')} records/s: ${verdict(insert.recordsPerSecond >= TARGET_RECORDS_PER_SECOND)} |`,
    `| query + nextRecordsUrl paging | ${query.rowsPerSecond.toLocaleString('en-US')} rows/s (${query.rows.toLocaleString('en-US')} rows, ${query.pages} pages, first page ${query.firstPageMs} ms) | |`,
    `| memory, bench dataset after GC | RSS ${memory.rssMb} MB, heap ${memory.heapUsedMb} MB for ${memory.records.toLocaleString('en-US')} records (seeded in ${memory.seedSeconds} s) | < ${TARGET_MEMORY_MB} MB: ${verdict(memory.rssMb < TARGET_MEMORY_MB)} |`,
    `| delete of 200 Account ids on that org | ${memory.delete200.ms} ms (${memory.delete200.succeeded} deleted, ${memory.delete200.failed} refused: ${memory.delete200.errorCodes.join(', ') || 'none'}) | |`,
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const server = await startChild(['packages/org-emulator/src/cli.ts', '--port', '0', '--dataset', 'empty']);
  const client = new JsonClient(server.line as OrgHandle, options.concurrency);
  let insert: InsertResult;
  let query: QueryResult;
  try {
    insert = await measureInserts(client, options);
    query = await measureQuery(client);
  } finally {
    client.close();
    server.child.kill('SIGTERM');
  }
  const memory = await runMemoryChild(options.memoryRecords);
  const machine = { nproc: availableParallelism(), node: process.version, platform: `${process.platform}-${process.arch}`, date: new Date().toISOString() };
  console.log(table(insert, query, memory));
  console.log(`\n${machine.nproc} cores, Node ${machine.node}, ${machine.date}`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/emulator.json', `${JSON.stringify({ machine, options, insert, query, memory }, null, 2)}\n`);
}

const memoryFlag = process.argv.indexOf('--memory-child');
const run = memoryFlag >= 0 ? memoryChild(Number(process.argv[memoryFlag + 1])) : main();
run.catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
