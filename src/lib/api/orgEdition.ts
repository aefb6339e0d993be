import type { OrgApi } from './orgApi.js';
import { queryAll } from './queryPages.js';

type OrganizationRow = { IsSandbox?: boolean; OrganizationType?: string };

export type OrgEdition = { isProduction: boolean; organizationType: string };

/**
 * Production = neither a sandbox nor a Developer Edition org (scratch orgs report Developer Edition). The run's
 * production guard asks it, and so does a trigger deploy: production refuses a deploy of Apex without tests.
 */
export async function orgEdition(api: OrgApi): Promise<OrgEdition> {
  const rows = (await queryAll(api, 'SELECT IsSandbox, OrganizationType FROM Organization', { small: true })) as OrganizationRow[];
  const row = rows[0] ?? {};
  const organizationType = row.OrganizationType ?? 'unknown';
  return { isProduction: row.IsSandbox === false && organizationType !== 'Developer Edition', organizationType };
}
