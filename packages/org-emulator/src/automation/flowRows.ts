/**
 * The rows of the flow setup objects: Tooling `FlowDefinition` and `Flow` (one row per version), data API
 * `FlowDefinitionView`. All follow one flow's active version, so a switch shows at once in every view.
 *
 * Record-triggered flows and Process Builder processes (ProcessType `Workflow`) differ the way Salesforce's do:
 * the view names a flow's object and trigger (`TriggerObjectOrEventId`, `TriggerType`) and leaves both empty for
 * a process, whose object is only in its versions' `Metadata` (processMetadataValues `ObjectType`).
 */
import type { StoredRecord } from '../soql/types.js';
import { row, type RowContext } from './setupRows.js';
import type { FlowItem } from './types.js';

export function flowDefinitionMetadata(flow: FlowItem): Record<string, unknown> {
  return { activeVersionNumber: flow.activeVersion === 0 ? null : flow.activeVersion, description: null, masterLabel: flow.label };
}

const activeVersionId = (flow: FlowItem): string | null => (flow.activeVersion === 0 ? null : flow.versionIds[flow.activeVersion - 1]);

/** A version's Status: the active one, the latest of an inactive flow (a draft), or an older one. */
function versionStatus(flow: FlowItem, versionNumber: number): 'Active' | 'Draft' | 'Obsolete' {
  if (versionNumber === flow.activeVersion) return 'Active';
  return versionNumber === flow.versions && flow.activeVersion === 0 ? 'Draft' : 'Obsolete';
}

const metadataValue = (name: string, stringValue: string): Record<string, unknown> => ({ name, value: { stringValue } });

/**
 * A version's Tooling `Metadata` (the Metadata API's Flow type), reduced to what tells where it runs: a process's
 * object and start in `processMetadataValues` (as Process Builder saves them), a flow's in `start`.
 */
export function flowVersionMetadata(flow: FlowItem, versionNumber: number): Record<string, unknown> {
  const common = { label: flow.label, description: null, processType: flow.processType, status: versionStatus(flow, versionNumber) };
  if (flow.processType === 'Workflow') {
    return {
      ...common,
      processMetadataValues: [metadataValue('ObjectType', flow.objectName), metadataValue('TriggerType', flow.processTriggerType ?? 'onAllChanges')],
    };
  }
  return {
    ...common,
    processMetadataValues: [metadataValue('BuilderType', 'LightningFlowBuilder')],
    start: { object: flow.objectName, recordTriggerType: flow.recordTriggerType, triggerType: flow.triggerType },
  };
}

export function flowDefinitionRows({ registry }: RowContext): StoredRecord[] {
  return registry.flows.map((flow) =>
    row(flow.id, {
      ActiveVersionId: activeVersionId(flow),
      Description: null,
      DeveloperName: flow.apiName,
      LatestVersionId: flow.versionIds[flow.versions - 1],
      MasterLabel: flow.label,
      NamespacePrefix: flow.namespacePrefix,
      ManageableState: flow.manageableState,
      FullName: flow.apiName,
      Metadata: flowDefinitionMetadata(flow),
    })
  );
}

export function flowRows({ registry }: RowContext): StoredRecord[] {
  return registry.flows.flatMap((flow) =>
    flow.versionIds.map((id, index) =>
      row(id, {
        DefinitionId: flow.id,
        MasterLabel: flow.label,
        ProcessType: flow.processType,
        Status: versionStatus(flow, index + 1),
        VersionNumber: index + 1,
        NamespacePrefix: flow.namespacePrefix,
        ManageableState: flow.manageableState,
        FullName: `${flow.apiName}-${index + 1}`,
        Metadata: flowVersionMetadata(flow, index + 1),
      })
    )
  );
}

export function flowDefinitionViewRows({ registry, entityIds, labelOf }: RowContext): StoredRecord[] {
  return registry.flows.map((flow) => {
    const recordTriggered = flow.processType !== 'Workflow';
    return row(flow.id, {
      DurableId: flow.id,
      ApiName: flow.apiName,
      Label: flow.label,
      Description: null,
      ProcessType: flow.processType,
      TriggerType: flow.triggerType,
      RecordTriggerType: flow.recordTriggerType,
      TriggerObjectOrEventId: recordTriggered ? entityIds.durableId(flow.objectName) : null,
      TriggerObjectOrEventLabel: recordTriggered ? labelOf(flow.objectName) : null,
      TriggerOrder: flow.triggerOrder,
      ActiveVersionId: activeVersionId(flow),
      LatestVersionId: flow.versionIds[flow.versions - 1],
      IsActive: flow.activeVersion !== 0,
      IsOutOfDate: flow.activeVersion !== 0 && flow.activeVersion !== flow.versions,
      IsTemplate: false,
      VersionNumber: flow.activeVersion === 0 ? flow.versions : flow.activeVersion,
      InstalledPackageName: null,
      NamespacePrefix: flow.namespacePrefix,
      ManageableState: flow.manageableState,
    });
  });
}
