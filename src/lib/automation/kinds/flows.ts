import type { OrgApi } from '../../api/orgApi.js';
import type { SObjectRow } from '../../api/queryPages.js';
import { soqlString } from '../../api/soqlLiterals.js';
import type { AutomationItem } from '../automationTypes.js';
import { dataRows, inList, isManaged, nested, text, toolingRows } from './setupQueries.js';

/** Flows that run when a record is saved or deleted (FlowDefinitionView `TriggerType`). */
const RECORD_TRIGGERS = new Set(['RecordBeforeSave', 'RecordAfterSave', 'RecordBeforeDelete']);

/**
 * The objects' record-triggered flows. FlowDefinitionView (data API) names a flow's object by its
 * EntityDefinition `DurableId` (the API name of a standard object, an `01I…` id of a custom one); the Tooling
 * FlowDefinition gives the active version's number, which is what switching a flow back on needs. Process
 * Builder processes, flows that the view names no object for, are read by processBuilders.ts.
 */
export async function readFlows(api: OrgApi, objects: readonly string[]): Promise<AutomationItem[]> {
  const entities = await dataRows(api, `SELECT DurableId, QualifiedApiName FROM EntityDefinition WHERE QualifiedApiName IN ${inList(objects)}`);
  const objectOf = new Map(entities.map((row) => [String(row.DurableId), String(row.QualifiedApiName)]));
  if (objectOf.size === 0) return [];
  // A process is listed by processBuilders.ts, even should the view ever name its object here.
  const views = (
    await dataRows(
      api,
      'SELECT DurableId, ApiName, Label, ProcessType, TriggerType, RecordTriggerType, TriggerObjectOrEventId, IsActive, NamespacePrefix, ManageableState ' +
        `FROM FlowDefinitionView WHERE TriggerObjectOrEventId IN ${inList([...objectOf.keys()])}`
    )
  ).filter((row) => RECORD_TRIGGERS.has(String(row.TriggerType)) && row.ProcessType !== 'Workflow');
  const versions = await activeVersions(api, views.map((row) => String(row.DurableId)));
  return views.map((row) => flowItem(row, objectOf.get(String(row.TriggerObjectOrEventId)) ?? String(row.TriggerObjectOrEventId), versions));
}

/** A flow (or process) as an automation item; `detail` says what starts it (a record-triggered flow's trigger by default). */
export function flowItem(
  row: SObjectRow,
  object: string,
  versions: ReadonlyMap<string, number | undefined>,
  detail = [text(row, 'TriggerType'), text(row, 'RecordTriggerType')].filter(Boolean).join(' on ')
): AutomationItem {
  const id = String(row.DurableId);
  const namespace = text(row, 'NamespacePrefix');
  const activeVersion = versions.get(id);
  return {
    kind: 'flows',
    object,
    name: `${namespace ? `${namespace}__` : ''}${String(row.ApiName)}`,
    id,
    active: row.IsActive === true,
    ...(namespace ? { namespace } : {}),
    switchable: isManaged(row) ? 'managed' : 'tooling',
    detail,
    ...(activeVersion ? { activeVersion } : {}),
  };
}

/** FlowDefinition id -> the number of its active version (undefined: none is active). */
export async function activeVersions(api: OrgApi, ids: readonly string[]): Promise<Map<string, number | undefined>> {
  if (ids.length === 0) return new Map();
  const rows = await toolingRows(api, `SELECT Id, ActiveVersion.VersionNumber FROM FlowDefinition WHERE Id IN ${inList(ids)}`);
  return new Map(rows.map((row) => [String(row.Id), versionOf(row)]));
}

function versionOf(row: SObjectRow): number | undefined {
  const version = nested(row, 'ActiveVersion.VersionNumber');
  return typeof version === 'number' && version > 0 ? version : undefined;
}

/**
 * Activates a flow's version (`0`: deactivates it) through the Tooling FlowDefinition's `Metadata`, as the
 * Tooling API documents. Answers false when the flow already was as asked.
 */
export async function switchFlow(api: OrgApi, id: string, activeVersion: number): Promise<boolean> {
  const [row] = await toolingRows(api, `SELECT Id, ActiveVersion.VersionNumber FROM FlowDefinition WHERE Id = ${soqlString(id)}`);
  if (!row) throw new Error(`The org has no flow definition ${id} any more.`);
  if ((versionOf(row) ?? 0) === activeVersion) return false;
  await api.request('PATCH', `/tooling/sobjects/FlowDefinition/${id}`, { Metadata: { activeVersionNumber: activeVersion } });
  return true;
}
