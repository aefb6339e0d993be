import { startOrg, type EmulatedOrg, type StartOrgOptions } from '@sf-isync/org-emulator';
import { startOrgInWorker, type RemoteOrg } from '@sf-isync/org-emulator';
import { runTs } from './runPlugin.js';
import { sandboxEnv } from './sandboxHome.js';

export type OrgPair<Org extends RemoteOrg = EmulatedOrg> = {
  source: Org;
  target: Org;
  /** Environment for plugin runs: sandboxed HOME where `src` and `tgt` are logged in. */
  env: NodeJS.ProcessEnv & { HOME: string };
  stop(): Promise<void>;
};

/** Logs an org in under an alias, in the sf state of `env.HOME`; throws when it cannot. */
export type LoginOrg = (alias: string, org: RemoteOrg, env: NodeJS.ProcessEnv) => Promise<void>;

/** The default login: what `sf org login access-token` saves, written by @salesforce/core (loginEmulatedOrg.ts). */
export const loginWithCore: LoginOrg = async (alias, org, env) => {
  const login = await runTs('harness/loginEmulatedOrg.ts', [alias, org.instanceUrl, org.accessToken], env);
  if (login.code !== 0) throw new Error(`login ${alias} failed: ${login.stderr}`);
};

/**
 * Two emulated orgs, logged in for the sf CLI under the aliases `src` and `tgt` in a sandboxed HOME, as a user
 * would have them after `sf org login access-token` (`login` may be that very command, see clients/).
 */
export async function startOrgPair(
  source: StartOrgOptions = { dataset: 'demo' },
  target: StartOrgOptions = { dataset: 'empty' },
  login: LoginOrg = loginWithCore
): Promise<OrgPair> {
  const sourceOrg = await startOrg({ username: 'admin@source.isync.test', ...source });
  const targetOrg = await startOrg({ username: 'admin@target.isync.test', seed: 2, ...target });
  return loggedInPair(sourceOrg, targetOrg, login);
}

/**
 * The same pair with each org on a thread of its own (see orgInWorker.ts), started side by side: for
 * measurements, where two orgs in one event loop would slow each other down. Reached over HTTP only.
 */
export async function startOrgPairInWorkers(source: StartOrgOptions, target: StartOrgOptions): Promise<OrgPair<RemoteOrg>> {
  const started = await Promise.allSettled([
    startOrgInWorker({ username: 'admin@source.isync.test', ...source }),
    startOrgInWorker({ username: 'admin@target.isync.test', seed: 2, ...target }),
  ]);
  const orgs = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failed = started.find((outcome) => outcome.status === 'rejected');
  // Threads do not share the registry that keeps the orgs of one process on distinct pods (ids, tokens).
  const samePod = orgs.length === 2 && orgs[0].orgId.slice(3, 5) === orgs[1].orgId.slice(3, 5);
  if (failed || samePod) {
    await Promise.all(orgs.map((org) => org.stop()));
    throw failed ? (failed.reason as Error) : new Error(`both orgs got pod ${orgs[0].orgId.slice(3, 5)}: change a username or seed`);
  }
  return loggedInPair(orgs[0], orgs[1]);
}

async function loggedInPair<Org extends RemoteOrg>(sourceOrg: Org, targetOrg: Org, login: LoginOrg = loginWithCore): Promise<OrgPair<Org>> {
  const env = sandboxEnv();
  const stop = async (): Promise<void> => {
    await Promise.all([sourceOrg.stop(), targetOrg.stop()]);
  };
  for (const [alias, org] of [
    ['src', sourceOrg],
    ['tgt', targetOrg],
  ] as const) {
    try {
      await login(alias, org, env);
    } catch (error) {
      await stop();
      throw error;
    }
  }
  return { source: sourceOrg, target: targetOrg, env, stop };
}

type QueryResponse = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<Record<string, unknown>> };

/** Every row of a SOQL query against an emulated org, over its REST API (as any client sees the data). */
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

/** One REST call against an emulated org (writes that set up a test scenario). */
export async function callOrg(org: RemoteOrg, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${org.instanceUrl}/services/data/v62.0${path}`, {
    method,
    headers: { Authorization: `Bearer ${org.accessToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}
