import pLimit from 'p-limit';
import type { OrgApi } from '../../api/orgApi.js';
import type { SObjectRow } from '../../api/queryPages.js';
import { soqlString } from '../../api/soqlLiterals.js';
import type { AutomationItem } from '../automationTypes.js';
import { activeVersions, flowItem } from './flows.js';
import { dataRows, isManaged, text, toolingRows } from './setupQueries.js';

/**
 * Process Builder processes: flows with FlowDefinitionView `ProcessType = 'Workflow'`. Salesforce ended Process
 * Builder's support on 31 Dec 2025, but existing processes still run on every save, so they are listed and
 * switched as flows (kind `flows`: the same Tooling FlowDefinition `activeVersionNumber` switches them).
 *
 * The view does not name a process's object (`TriggerObjectOrEvent*` are for record-triggered flows): it is in
 * the process version's Tooling `Flow.Metadata`, processMetadataValues `ObjectType`. `Metadata` is readable one
 * row per query, so each process costs one Tooling query, a few at a time.
 */

/** Metadata reads in flight at once: an org has a handful of processes, and reads count as API calls. */
const METADATA_READS_AT_ONCE = 4;

/** A record id (15 or 18 characters): some managed flows show a durable name where a version id belongs. */
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** Where a process starts: its object, and when (`onCreateOnly`, `onAllChanges`). */
type ProcessStart = { object: string; trigger: string | undefined };

export async function readProcessBuilders(api: OrgApi, objects: readonly string[]): Promise<AutomationItem[]> {
  const asked = new Map(objects.map((object) => [object.toLowerCase(), object]));
  const views = await dataRows(
    api,
    "SELECT DurableId, ApiName, IsActive, ActiveVersionId, LatestVersionId, NamespacePrefix, ManageableState FROM FlowDefinitionView WHERE ProcessType = 'Workflow'"
  );
  const limit = pLimit(METADATA_READS_AT_ONCE);
  const starts = await Promise.all(views.map((row) => limit(() => processStart(api, row))));
  const onObjects = views.flatMap((row, index) => {
    const start = starts[index];
    const object = start && asked.get(start.object.toLowerCase());
    return object ? [{ row, object, trigger: start.trigger }] : [];
  });
  const versions = await activeVersions(
    api,
    onObjects.filter(({ row }) => row.IsActive === true).map(({ row }) => String(row.DurableId))
  );
  return onObjects.map(({ row, object, trigger }) => flowItem(row, object, versions, `Process Builder${trigger ? ` (${trigger})` : ''}`));
}

/**
 * The object and start of a process, from the version that runs (an inactive process: its latest version, the
 * one that would be activated). Undefined for a process that starts on no object. A managed process whose
 * version cannot be read is left out: its subscribers could not switch it anyway. Any other failure is thrown,
 * so the kind shows as unreadable and is not switched blind: the process might run on the objects.
 */
async function processStart(api: OrgApi, row: SObjectRow): Promise<ProcessStart | undefined> {
  const versionId = text(row, row.IsActive === true ? 'ActiveVersionId' : 'LatestVersionId');
  try {
    if (!versionId || !RECORD_ID.test(versionId)) throw new Error(`its version id is ${versionId ?? 'empty'}`);
    const [version] = await toolingRows(api, `SELECT Id, Metadata FROM Flow WHERE Id = ${soqlString(versionId)}`);
    if (!version) throw new Error(`the org has no Flow ${versionId}`);
    return startOf(version.Metadata);
  } catch (error) {
    if (isManaged(row)) return undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not read which object process ${String(row.ApiName)} runs on: ${reason}`);
  }
}

/** processMetadataValues `[{name: 'ObjectType', value: {stringValue: 'Account'}}, {name: 'TriggerType', …}]`. */
function startOf(metadata: unknown): ProcessStart | undefined {
  const entries = (metadata as { processMetadataValues?: unknown } | null | undefined)?.processMetadataValues;
  if (!Array.isArray(entries)) return undefined;
  const valueOf = (name: string): string | undefined => {
    const entry = (entries as Array<{ name?: unknown; value?: { stringValue?: unknown } | null }>).find((candidate) => candidate?.name === name);
    const value = entry?.value?.stringValue;
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const object = valueOf('ObjectType');
  return object ? { object, trigger: valueOf('TriggerType') } : undefined;
}
