import type { OrgApi } from '../../api/orgApi.js';
import type { SObjectRow } from '../../api/queryPages.js';
import type { AutomationItem } from '../automationTypes.js';
import { dataRows, inList, isManaged, text, toolingRows } from './setupQueries.js';

/**
 * Duplicate rules and workflow rules: listed here, switched with the Metadata API's `updateMetadata`
 * (metadataSwitch.ts).
 */

export async function readDuplicateRules(api: OrgApi, objects: readonly string[]): Promise<AutomationItem[]> {
  const rows = await dataRows(api, `SELECT Id, DeveloperName, MasterLabel, SobjectType, IsActive, NamespacePrefix FROM DuplicateRule WHERE SobjectType IN ${inList(objects)}`);
  return rows.map((row) =>
    listed(
      row,
      { kind: 'duplicate-rules', object: String(row.SobjectType), name: `${String(row.SobjectType)}.${String(row.DeveloperName)}`, active: row.IsActive === true, detail: text(row, 'MasterLabel') ?? '' }
    )
  );
}

/** A workflow rule's state is only in its `Metadata`, which the Tooling API answers one rule at a time. */
export async function readWorkflowRules(api: OrgApi, objects: readonly string[]): Promise<AutomationItem[]> {
  const rows = await toolingRows(api, `SELECT Id, Name, TableEnumOrId, NamespacePrefix, ManageableState FROM WorkflowRule WHERE TableEnumOrId IN ${inList(objects)}`);
  return Promise.all(
    rows.map(async (row) => {
      const rule = await api.request<{ Metadata?: { active?: boolean; description?: string } }>('GET', `/tooling/sobjects/WorkflowRule/${String(row.Id)}`);
      return listed(
        row,
        {
          kind: 'workflow-rules',
          object: String(row.TableEnumOrId),
          name: `${String(row.TableEnumOrId)}.${String(row.Name)}`,
          active: rule.Metadata?.active === true,
          detail: rule.Metadata?.description ?? '',
        }
      );
    })
  );
}

function listed(row: SObjectRow, item: Pick<AutomationItem, 'kind' | 'object' | 'name' | 'active' | 'detail'>): AutomationItem {
  const namespace = text(row, 'NamespacePrefix');
  return { ...item, id: String(row.Id), ...(namespace ? { namespace } : {}), switchable: isManaged(row) ? 'managed' : 'metadata' };
}
