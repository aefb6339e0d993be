/**
 * The Bulk API 2.0 query client against emulated orgs, through `ConnectionOrgApi` over a @salesforce/core
 * Connection (jsforce), as the plugin talks to real orgs: paging by `Sforce-Locator`, errors, the cost model,
 * and the typing of CSV cells, checked row for row against what the REST query API answers for the same query.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ConnectionOrgApi } from '../../src/lib/api/orgApi.js';
import { errorCodeOf } from '../../src/lib/api/failures.js';
import { queryAll, type SObjectRow } from '../../src/lib/api/queryPages.js';
import { bulkQueryPages, type CsvPage } from '../../src/lib/bulk/queryJob.js';
import { canTypeColumns, restRowsOf } from '../../src/lib/bulk/queryRowValues.js';
import type { DescribeField, DescribeSObject } from '../../src/lib/schema/describeTypes.js';
import { connectTo } from '../support/orgConnection.js';
import { startOrg, type EmulatedOrg, type StartOrgOptions } from '@sf-isync/org-emulator';
import { useProcessSandboxHome } from '../clients/processSandboxHome.js';

const FAST = { pollIntervalMs: 20, maxPollIntervalMs: 100 };

type Template = { objects: Array<{ name: string; fields?: string[] }> };
const templateObjects = (path: string): Template['objects'] => (JSON.parse(readFileSync(path, 'utf8')) as Template).objects;

async function bulkPages(api: ConnectionOrgApi, soql: string, pageSize: number): Promise<CsvPage[]> {
  const pages: CsvPage[] = [];
  for await (const page of bulkQueryPages(api, { ...FAST, soql, pageSize })) pages.push(page);
  return pages;
}

/** Text values that CSV must quote (line breaks, quotes, commas), for fields the dataset leaves empty. */
function sampleValue(field: DescribeField): string | undefined {
  const picklist = field.picklistValues.map((entry) => entry.value);
  const samples: Record<string, string | undefined> = {
    textarea: 'line 1\nline "2", with a comma',
    phone: '+1 (555) 010-0100',
    url: 'https://example.com/a?b=c,d',
    email: 'someone@example.com',
    string: 'text, "quoted"',
    multipicklist: picklist.slice(0, 2).join(';') || undefined,
  };
  const sample = samples[field.type];
  return field.length > 0 ? sample?.slice(0, field.length) : sample;
}

/** Gives the first record a value in every updateable text-like field that no record of the dataset fills. */
async function fillEmptyFields(api: ConnectionOrgApi, object: string, fields: DescribeField[], rows: SObjectRow[]): Promise<boolean> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = field.updateable && !rows.some((row) => row[field.name] !== null) ? sampleValue(field) : undefined;
    if (value !== undefined) values[field.name] = value;
  }
  if (rows.length === 0 || Object.keys(values).length === 0) return false;
  await api.request('PATCH', `/sobjects/${object}/${String(rows[0].Id)}`, values);
  return true;
}

const byId = (rows: SObjectRow[]): SObjectRow[] => [...rows].sort((a, b) => String(a.Id).localeCompare(String(b.Id)));
const withoutAttributes = (rows: SObjectRow[]): SObjectRow[] => rows.map(({ attributes: _attributes, ...row }) => row);

describe('bulk query client against the emulator (Bulk API 2.0 query jobs through jsforce)', function () {
  this.timeout(180_000);
  const orgs: EmulatedOrg[] = [];
  let restoreHome: () => void;

  async function open(options: StartOrgOptions): Promise<{ org: EmulatedOrg; api: ConnectionOrgApi }> {
    const org = await startOrg({ username: `bulk-query-${orgs.length}@bulk.emulator.isync.test`, ...options });
    orgs.push(org);
    return { org, api: new ConnectionOrgApi(await connectTo(org)) };
  }

  before(() => {
    restoreHome = useProcessSandboxHome().restore;
  });
  after(async () => {
    await Promise.all(orgs.map((org) => org.stop()));
    restoreHome?.();
  });

  it('reads every row in pages of maxRecords, following Sforce-Locator until "null", each request paying the latency', async () => {
    const { org, api } = await open({ dataset: 'bench', records: 3000, seed: 4, latencyMs: 30 });
    const rest = await queryAll(api, 'SELECT Id FROM Contact');
    const pageSize = Math.ceil(rest.length / 3) - 1;
    const started = Date.now();
    const before = org.stats().requests;
    const pages = await bulkPages(api, 'SELECT Id, LastName FROM Contact', pageSize);
    const after = org.stats().requests;
    expect(pages.map((page) => page.rows.length)).to.deep.equal([pageSize, pageSize, pageSize, rest.length - 3 * pageSize]);
    expect(pages.every((page) => page.header.join() === 'Id,LastName')).to.equal(true);
    expect(pages.flatMap((page) => page.rows.map((row) => row[0])).sort()).to.deep.equal(rest.map((row) => String(row.Id)).sort());
    const calls = (kind: keyof typeof after): number => (after[kind] ?? 0) - (before[kind] ?? 0);
    expect(calls('bulkQueryCreate')).to.equal(1);
    expect(calls('bulkQueryResults')).to.equal(4);
    expect(calls('bulkQueryPoll')).to.be.at.least(1);
    const requests = 1 + calls('bulkQueryPoll') + 4;
    expect(Date.now() - started, 'every request pays the 30 ms latency').to.be.at.least(requests * 30);
  });

  it('keeps the SOQL error of a query Salesforce refuses at creation, with its error code', async () => {
    const { api } = await open({ dataset: 'demo' });
    let error: unknown;
    await bulkPages(api, 'SELECT Nope__c FROM Account', 100).catch((caught: unknown) => (error = caught));
    expect((error as Error).message).to.match(/^Bulk API query failed: [\s\S]*No such column 'Nope__c'/);
    expect(errorCodeOf(error)).to.equal('INVALID_FIELD');
  });

  it('gives nothing for a query without rows', async () => {
    const { api } = await open({ dataset: 'empty' });
    expect(await bulkPages(api, 'SELECT Id FROM Account', 100)).to.deep.equal([]);
  });

  for (const [dataset, template] of [
    ['bench', 'scripts/bench/bench-template.json'],
    ['demo', 'examples/demo-template.json'],
  ] as const) {
    it(`types every cell as REST gives it, for every field of the ${dataset} template's objects`, async () => {
      const { api } = await open({ dataset, records: 2000, seed: 7 });
      const typesWithValues = new Set<string>();
      const templateTypes = new Set<string>();
      for (const object of templateObjects(template)) {
        const describe = await api.request<DescribeSObject>('GET', `/sobjects/${object.name}/describe`);
        const readable = describe.fields.filter((field) => canTypeColumns([field.name], describe.fields));
        const soql = `SELECT ${readable.map((field) => field.name).join(', ')} FROM ${object.name}`;
        const restOf = async (): Promise<SObjectRow[]> => byId(withoutAttributes(await queryAll(api, soql)));
        let rest = await restOf();
        if (await fillEmptyFields(api, object.name, readable, rest)) rest = await restOf();
        const bulk = byId((await bulkPages(api, soql, 1000)).flatMap((page) => restRowsOf(page, describe.fields)));
        expect(bulk, object.name).to.deep.equal(rest);
        for (const field of readable) {
          if (rest.some((row) => row[field.name] !== null)) typesWithValues.add(field.type);
        }
        const used = object.fields ?? readable.filter((field) => field.createable).map((field) => field.name);
        for (const name of used) templateTypes.add(describe.fields.find((field) => field.name === name)!.type);
      }
      expect(
        [...templateTypes].filter((type) => !typesWithValues.has(type)),
        'template field types never seen with a value'
      ).to.deep.equal([]);
      expect([...typesWithValues]).to.include.members(['id', 'reference', 'string', 'picklist', 'boolean', 'date', 'datetime', 'double', 'currency']);
    });
  }
});
