import type { OrgApi } from '../../api/orgApi.js';
import { queryAll, type SObjectRow } from '../../api/queryPages.js';
import { soqlString } from '../../api/soqlLiterals.js';

type QueryPage = { done: boolean; nextRecordsUrl?: string; records: SObjectRow[] };

/** Every row of a Tooling API query (`/tooling/query`), following its pages as the data API's do. */
export async function toolingRows(api: OrgApi, soql: string): Promise<SObjectRow[]> {
  const rows: SObjectRow[] = [];
  let page = await api.request<QueryPage>('GET', `/tooling/query?q=${encodeURIComponent(soql)}`);
  rows.push(...page.records);
  while (!page.done && page.nextRecordsUrl) {
    page = await api.request<QueryPage>('GET', page.nextRecordsUrl);
    rows.push(...page.records);
  }
  return rows;
}

/** Every row of a data API query (setup objects such as DuplicateRule and FlowDefinitionView). */
export function dataRows(api: OrgApi, soql: string): Promise<SObjectRow[]> {
  return queryAll(api, soql);
}

/** `('Account','Supplier__c')`: the objects as a SOQL IN list. */
export function inList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(',')})`;
}

export function text(row: SObjectRow, field: string): string | undefined {
  const value = row[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A relationship field's value (`EntityDefinition.QualifiedApiName`, `ActiveVersion.VersionNumber`). */
export function nested(row: SObjectRow, path: string): unknown {
  let value: unknown = row;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/**
 * Items of an installed managed package cannot be switched by the subscriber org (whether `installedEditable`
 * ones can is not documented: they are treated as managed too).
 */
export function isManaged(row: SObjectRow): boolean {
  const state = text(row, 'ManageableState');
  return state === 'installed' || state === 'installedEditable';
}
