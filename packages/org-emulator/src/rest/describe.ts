/**
 * Describe endpoints: `GET sobjects` (describeGlobal), `GET sobjects/{T}` (basic info) and
 * `GET sobjects/{T}/describe`, built from the schema model with child relationships derived from every
 * object's reference fields and urls carrying the request's API version.
 */
import { notFound } from '../http/router.js';
import type { EmulatorRequest, EmulatorResponse } from '../http/types.js';
import type { OrgState } from '../org/orgState.js';
import { MASTER_RECORD_TYPE_ID } from '../org/recordTypes.js';
import type { ObjectInfo } from '../org/schemaIndex.js';
import type { RestContext } from './restContext.js';

const GLOBAL_KEYS = [
  'activateable',
  'createable',
  'custom',
  'customSetting',
  'deepCloneable',
  'deletable',
  'deprecatedAndHidden',
  'feedEnabled',
  'hasSubtypes',
  'isInterface',
  'isSubtype',
  'keyPrefix',
  'label',
  'labelPlural',
  'layoutable',
  'mergeable',
  'mruEnabled',
  'name',
  'queryable',
  'replicateable',
  'retrieveable',
  'searchable',
  'triggerable',
  'undeletable',
  'updateable',
] as const;

function base(apiVersion: string, name: string): string {
  return `/services/data/v${apiVersion}/sobjects/${name}`;
}

function globalEntry(info: ObjectInfo, apiVersion: string): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const key of GLOBAL_KEYS) entry[key] = info.def.header[key];
  const url = base(apiVersion, info.name);
  entry.urls = {
    rowTemplate: `${url}/{ID}`,
    defaultValues: `${url}/defaultValues?recordTypeId&fields`,
    describe: `${url}/describe`,
    sobject: url,
  };
  return entry;
}

function recordTypeInfos(org: OrgState, info: ObjectInfo, apiVersion: string): unknown[] {
  const layout = (id: string): { layout: string } => ({ layout: `${base(apiVersion, info.name)}/describe/layouts/${id}` });
  const types = org.recordTypes.forObject(info.name).map((rt) => ({
    active: rt.def.active,
    available: true,
    defaultRecordTypeMapping: rt.def.defaultRecordTypeMapping,
    developerName: rt.def.developerName,
    master: false,
    name: rt.def.name,
    recordTypeId: rt.id,
    urls: layout(rt.id),
  }));
  const master = {
    active: true,
    available: true,
    defaultRecordTypeMapping: !types.some((t) => t.defaultRecordTypeMapping),
    developerName: 'Master',
    master: true,
    name: 'Master',
    recordTypeId: MASTER_RECORD_TYPE_ID,
    urls: layout(MASTER_RECORD_TYPE_ID),
  };
  return [...types, master];
}

function describeUrls(instanceUrl: string, apiVersion: string, info: ObjectInfo): Record<string, string> {
  const url = base(apiVersion, info.name);
  return {
    compactLayouts: `${url}/describe/compactLayouts`,
    rowTemplate: `${url}/{ID}`,
    approvalLayouts: `${url}/describe/approvalLayouts`,
    uiDetailTemplate: `${instanceUrl}/{ID}`,
    uiEditTemplate: `${instanceUrl}/{ID}/e`,
    defaultValues: `${url}/defaultValues?recordTypeId&fields`,
    listviews: `${url}/listviews`,
    describe: `${url}/describe`,
    uiNewRecord: `${instanceUrl}/${info.keyPrefix}/e`,
    quickActions: `${url}/quickActions`,
    layouts: `${url}/describe/layouts`,
    sobject: url,
  };
}

export function describeGlobal(req: EmulatorRequest, ctx: RestContext): EmulatorResponse {
  const sobjects = ctx.org.schema
    .allObjects()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((info) => globalEntry(info, req.apiVersion));
  return { status: 200, body: { encoding: 'UTF-8', maxBatchSize: 200, sobjects } };
}

export function describeBasic(req: EmulatorRequest, ctx: RestContext, [objectName]: string[]): EmulatorResponse {
  const info = ctx.org.schema.object(objectName);
  if (!info) return notFound();
  return { status: 200, body: { objectDescribe: globalEntry(info, req.apiVersion), recentItems: [] } };
}

export function describeObject(req: EmulatorRequest, ctx: RestContext, [objectName]: string[]): EmulatorResponse {
  const info = ctx.org.schema.object(objectName);
  if (!info) return notFound();
  const full: Record<string, unknown> = {
    ...info.def.header,
    childRelationships: ctx.org.schema.childRelationships(info.name),
    fields: info.def.fields,
    recordTypeInfos: recordTypeInfos(ctx.org, info, req.apiVersion),
    urls: describeUrls(req.instanceUrl, req.apiVersion, info),
  };
  // Salesforce sends describe keys in alphabetical order.
  const body = Object.fromEntries(
    Object.keys(full)
      .sort()
      .map((k) => [k, full[k]])
  );
  return { status: 200, body };
}
