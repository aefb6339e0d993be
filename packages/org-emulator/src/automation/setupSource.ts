/**
 * SOQL data sources with the automation setup objects: the data API's (`/query`: the org's objects plus
 * FlowDefinitionView, ApexTrigger, DuplicateRule) and Tooling's (`/tooling/query`: ValidationRule,
 * FlowDefinition, Flow, ApexTrigger, WorkflowRule, objects added later such as DeployRequest, and the org
 * objects Tooling shares: EntityDefinition and User).
 * A lookup to EntityDefinition holds its DurableId (`Account`, `01I...`), so parent paths such as
 * `EntityDefinition.QualifiedApiName` resolve through it.
 */
import type { FieldDescribe } from '../schema/model.js';
import type { SoqlDataSource, StoredRecord } from '../soql/types.js';
import {
  apexTriggerFields,
  duplicateRuleFields,
  flowDefinitionFields,
  flowDefinitionViewFields,
  flowFields,
  validationRuleFields,
  workflowRuleFields,
} from './setupObjectFields.js';
import { flowDefinitionRows, flowDefinitionViewRows, flowRows } from './flowRows.js';
import { apexTriggerRows, duplicateRuleRows, type RowContext, validationRuleRows, workflowRuleRows } from './setupRows.js';

/** A read-only object a source serves beside the org's: its describe and its rows, built when read. */
export type SetupObject = { name: string; fields: FieldDescribe[]; rows: (ctx: RowContext) => StoredRecord[] };

/**
 * `objects` is asked on every call: an object added later (the deploy queue's DeployRequest, which exists only
 * once the server has its queue) is served from then on.
 */
function layered(base: SoqlDataSource, objects: () => SetupObject[], ctx: RowContext, baseObjects: (name: string) => boolean): SoqlDataSource {
  const setupObject = (name: string): SetupObject | undefined => objects().find((object) => object.name.toLowerCase() === name.toLowerCase());
  const fromBase = (name: string): boolean => !setupObject(name) && baseObjects(name);
  const entityByDurableId = (id: string): StoredRecord | undefined => {
    const objectName = ctx.entityIds.objectOf(id);
    return objectName === undefined ? undefined : [...base.scan('EntityDefinition', { includeDeleted: false })].find((r) => r.QualifiedApiName === objectName);
  };
  return {
    describeObject(name) {
      const object = setupObject(name);
      if (object) return { name: object.name, fields: object.fields };
      return fromBase(name) ? base.describeObject(name) : undefined;
    },
    scan(name, options) {
      const object = setupObject(name);
      if (object) return object.rows(ctx);
      return fromBase(name) ? base.scan(name, options) : [];
    },
    getById(id) {
      const key = id.slice(0, 15);
      for (const object of objects()) {
        const record = object.rows(ctx).find((r) => r.Id.slice(0, 15) === key);
        if (record) return { objectName: object.name, record };
      }
      const entity = entityByDurableId(id);
      if (entity) return { objectName: 'EntityDefinition', record: entity };
      return base.getById(id);
    },
    findByField(name, fieldName, values) {
      return fromBase(name) ? base.findByField?.(name, fieldName, values) : undefined;
    },
    scansInIdOrder(name) {
      return fromBase(name) ? (base.scansInIdOrder?.(name) ?? false) : false;
    },
    childRelationships(name) {
      return fromBase(name) ? (base.childRelationships?.(name) ?? []) : [];
    },
  };
}

/** `/query`: every org object, plus the data API's automation objects. */
export function dataApiSource(base: SoqlDataSource, ctx: RowContext): SoqlDataSource {
  const objects: SetupObject[] = [
    { name: 'FlowDefinitionView', fields: flowDefinitionViewFields(), rows: flowDefinitionViewRows },
    { name: 'ApexTrigger', fields: apexTriggerFields(false), rows: (c) => apexTriggerRows(c, false) },
    { name: 'DuplicateRule', fields: duplicateRuleFields(), rows: duplicateRuleRows },
  ];
  return layered(
    base,
    () => objects,
    ctx,
    () => true
  );
}

/** The org objects Tooling serves too: EntityDefinition, and User (CreatedBy of Tooling rows such as DeployRequest). */
const TOOLING_ORG_OBJECTS = new Set(['entitydefinition', 'user']);

/**
 * `/tooling/query`: the Tooling automation objects, EntityDefinition and User; other org objects are unknown there.
 * `extra` takes objects served from elsewhere (the deploy queue's DeployRequest) and may grow later.
 */
export function toolingSource(base: SoqlDataSource, ctx: RowContext, extra: SetupObject[] = []): SoqlDataSource {
  const objects: SetupObject[] = [
    { name: 'ValidationRule', fields: validationRuleFields(), rows: validationRuleRows },
    { name: 'FlowDefinition', fields: flowDefinitionFields(), rows: flowDefinitionRows },
    { name: 'Flow', fields: flowFields(), rows: flowRows },
    { name: 'ApexTrigger', fields: apexTriggerFields(true), rows: (c) => apexTriggerRows(c, true) },
    { name: 'WorkflowRule', fields: workflowRuleFields(), rows: workflowRuleRows },
  ];
  return layered(
    base,
    () => (extra.length === 0 ? objects : [...objects, ...extra]),
    ctx,
    (name) => TOOLING_ORG_OBJECTS.has(name.toLowerCase())
  );
}
