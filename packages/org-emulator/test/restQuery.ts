/** Test helper (not a test): reads an emulated org the way any client does, over its REST API. */
import type { RemoteOrg } from '../src/orgInWorker.js';

type QueryResponse = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<Record<string, unknown>> };

/** Every row of a SOQL query, following `nextRecordsUrl` page by page. */
export async function queryOrg(org: RemoteOrg, soql: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  let url = `${org.instanceUrl}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
  for (;;) {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${org.accessToken}` } });
    const page = (await response.json()) as QueryResponse;
    if (!response.ok) throw new Error(`query failed: ${JSON.stringify(page)}`);
    rows.push(...page.records);
    if (page.done || !page.nextRecordsUrl) return rows;
    url = `${org.instanceUrl}${page.nextRecordsUrl}`;
  }
}
