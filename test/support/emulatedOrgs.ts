import { startOrg, type EmulatedOrg, type StartOrgOptions } from '../emulator/index.js';
import { runTs } from './runPlugin.js';
import { sandboxEnv } from './sandboxHome.js';

export type OrgPair = {
  source: EmulatedOrg;
  target: EmulatedOrg;
  /** Environment for plugin runs: sandboxed HOME where `src` and `tgt` are logged in. */
  env: NodeJS.ProcessEnv & { HOME: string };
  stop(): Promise<void>;
};

/**
 * Two emulated orgs, logged in for the sf CLI under the aliases `src` and `tgt` in a sandboxed HOME, as a user
 * would have them after `sf org login access-token`.
 */
export async function startOrgPair(
  source: StartOrgOptions = { dataset: 'demo' },
  target: StartOrgOptions = { dataset: 'empty' }
): Promise<OrgPair> {
  const sourceOrg = await startOrg({ username: 'admin@source.isync.test', ...source });
  const targetOrg = await startOrg({ username: 'admin@target.isync.test', seed: 2, ...target });
  const env = sandboxEnv();
  for (const [alias, org] of [['src', sourceOrg], ['tgt', targetOrg]] as const) {
     
    const login = await runTs('test/support/loginEmulatedOrg.ts', [alias, org.instanceUrl, org.accessToken], env);
    if (login.code !== 0) throw new Error(`login ${alias} failed: ${login.stderr}`);
  }
  return {
    source: sourceOrg,
    target: targetOrg,
    env,
    stop: async () => {
      await Promise.all([sourceOrg.stop(), targetOrg.stop()]);
    },
  };
}

type QueryResponse = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<Record<string, unknown>> };

/** Every row of a SOQL query against an emulated org, over its REST API (as any client sees the data). */
export async function queryOrg(org: EmulatedOrg, soql: string): Promise<Array<Record<string, unknown>>> {
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

/** One REST call against an emulated org (writes that set up a test scenario). */
export async function callOrg(org: EmulatedOrg, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${org.instanceUrl}/services/data/v62.0${path}`, {
    method,
    headers: { Authorization: `Bearer ${org.accessToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}
