import type { OrgApi } from '../../api/orgApi.js';
import type { SObjectRow } from '../../api/queryPages.js';
import type { AutomationItem, SwitchMethod } from '../automationTypes.js';
import { dataRows, inList, isManaged, text, toolingRows } from './setupQueries.js';

/**
 * Triggers, duplicate rules and workflow rules. Duplicate and workflow rules are switched with the Metadata API's
 * `updateMetadata` (metadataSwitch.ts); a trigger only through a deploy of its code (in production with a test
 * run), which sf isync does not make yet: `not-supported`.
 */

const TRIGGER_EVENTS: ReadonlyArray<[string, string]> = [
  ['UsageBeforeInsert', 'before insert'],
  ['UsageAfterInsert', 'after insert'],
  ['UsageBeforeUpdate', 'before update'],
  ['UsageAfterUpdate', 'after update'],
  ['UsageBeforeDelete', 'before delete'],
  ['UsageAfterDelete', 'after delete'],
];

export async function readTriggers(api: OrgApi, objects: readonly string[]): Promise<AutomationItem[]> {
  const rows = await toolingRows(
    api,
    `SELECT Id, Name, TableEnumOrId, Status, NamespacePrefix, ManageableState, ${TRIGGER_EVENTS.map(([field]) => field).join(', ')} ` +
      `FROM ApexTrigger WHERE TableEnumOrId IN ${inList(objects)}`
  );
  return rows.map((row) =>
    listed(row, {
      kind: 'triggers',
      object: String(row.TableEnumOrId),
      name: String(row.Name),
      active: row.Status === 'Active',
      detail: TRIGGER_EVENTS.filter(([field]) => row[field] === true)
        .map(([, label]) => label)
        .join(', '),
    })
  );
}

export async function readDuplicateRules(api: OrgApi, objects: readonly string[]): Promise<AutomationItem[]> {
  const rows = await dataRows(api, `SELECT Id, DeveloperName, MasterLabel, SobjectType, IsActive, NamespacePrefix FROM DuplicateRule WHERE SobjectType IN ${inList(objects)}`);
  return rows.map((row) =>
    listed(
      row,
      { kind: 'duplicate-rules', object: String(row.SobjectType), name: `${String(row.SobjectType)}.${String(row.DeveloperName)}`, active: row.IsActive === true, detail: text(row, 'MasterLabel') ?? '' },
      'metadata'
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
        },
        'metadata'
      );
    })
  );
}

function listed(row: SObjectRow, item: Pick<AutomationItem, 'kind' | 'object' | 'name' | 'active' | 'detail'>, method: SwitchMethod = 'not-supported'): AutomationItem {
  const namespace = text(row, 'NamespacePrefix');
  return { ...item, id: String(row.Id), ...(namespace ? { namespace } : {}), switchable: isManaged(row) ? 'managed' : method };
}
