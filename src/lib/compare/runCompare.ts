import { Messages, type Org } from '@salesforce/core';
import { orgApiFor } from '../api/httpOrgApi.js';
import type { OrgApi } from '../api/orgApi.js';
import { orgEdition } from '../api/orgEdition.js';
import { PackedReads } from '../api/packedReads.js';
import { queryAll } from '../api/queryPages.js';
import { RetryingOrgApi } from '../api/retryingOrgApi.js';
import { readMetadata } from '../api/soapMetadata.js';
import { soqlString } from '../api/soqlLiterals.js';
import { ConnectionDescribeSource } from '../schema/connectionDescribeSource.js';
import { didYouMean } from '../template/didYouMean.js';
import { readTemplateFile } from '../template/readTemplateFile.js';
import type { TemplateObjectSpec } from '../template/templateFile.js';
import { applyFixes, settleEarlierFixes, type FixTarget } from './applyFixes.js';
import { compareOrgs, type ComparedObject } from './compareOrgs.js';
import { objectsWithRecords, scopeOfTemplate, UnknownObjectsError } from './compareScope.js';
import type { FixRecord } from './fixJournal.js';
import { planFixes, type PlannedFix, type UnplannedFix } from './schemaFixes.js';
import type { SchemaDifference, SchemaFix, Severity } from './schemaDifference.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.compare');

export type CompareRequest = {
  sourceOrg: Org;
  targetOrg: Org;
  /** Exactly one of `templateFile`, `objects` and `all`. */
  templateFile?: string;
  objects?: string[];
  all?: boolean;
  fix?: boolean;
  dryRun?: boolean;
  confirmProduction?: boolean;
  journalRoot: string;
  onStep?: (text: string) => void;
};

export type FixOutcome = {
  dryRun: boolean;
  /** What the deploy holds (or would). */
  deployed: SchemaFix[];
  /** Fixes that turned out not to be possible once the target's definitions were read. */
  notDeployable: UnplannedFix[];
  record?: FixRecord;
  /** Earlier fixes a killed process left open, settled first. */
  settled: string[];
};

export type CompareResult = {
  source: string;
  target: string;
  objects: ComparedObject[];
  /** The differences left (after the fix, when `--fix` deployed one). */
  differences: SchemaDifference[];
  counts: Record<Severity, number>;
  fix?: FixOutcome;
};

/**
 * `sf isync compare`: the schema differences that matter for syncing the objects, and with `fix` the deploy of
 * those that can be created safely (custom fields, picklist values, record types), after which the orgs are
 * compared again from fresh describes.
 */
export async function runCompare(request: CompareRequest): Promise<CompareResult> {
  const source = orgApiFor(request.sourceOrg.getConnection());
  const target = orgApiFor(request.targetOrg.getConnection());
  if (request.sourceOrg.getOrgId().slice(0, 15) === request.targetOrg.getOrgId().slice(0, 15)) {
    throw messages.createError('error.SameOrg', [request.targetOrg.getUsername() ?? request.targetOrg.getOrgId()]);
  }
  const sourceReads = new RetryingOrgApi(new PackedReads(source));
  const targetReads = new RetryingOrgApi(new PackedReads(target));
  const objects = await objectsOf(request, sourceReads);
  const compare = async (): Promise<Awaited<ReturnType<typeof compareOrgs>> & { sourceDescribes: ConnectionDescribeSource }> => {
    // Fresh describes each time: after a fix, the target's have changed.
    const sourceDescribes = new ConnectionDescribeSource(request.sourceOrg.getConnection(), sourceReads);
    const targetDescribes = new ConnectionDescribeSource(request.targetOrg.getConnection(), targetReads);
    let scope;
    try {
      scope = await scopeOfTemplate(objects, sourceDescribes);
    } catch (error) {
      if (!(error instanceof UnknownObjectsError)) throw error;
      const names = (await sourceDescribes.describeGlobal()).sobjects.map((sobject) => sobject.name);
      const hints = error.names.map((name) => `${name}${suggestion(didYouMean(name, names))}`).join(', ');
      throw messages.createError('error.UnknownObjects', [hints]);
    }
    return { ...(await compareOrgs({ scope, source: sourceDescribes, target: targetDescribes, sourceApi: sourceReads, targetApi: targetReads })), sourceDescribes };
  };
  // Before the orgs are compared for a fix: the production guard, then the fixes a killed process left open,
  // whose deploys may still change the target.
  const fixTarget = request.fix && !request.dryRun ? await fixTargetOf(request, target, targetReads) : undefined;
  const settled = fixTarget ? (await settleEarlierFixes(request.journalRoot, fixTarget)).map((record) => record.id) : [];
  let report = await compare();
  let fix: FixOutcome | undefined;
  if (request.fix) {
    const fixable = report.differences.filter((difference) => difference.autoFix);
    const describes = new Map(await Promise.all(fixable.map(async (d) => [d.object, await report.sourceDescribes.describe(d.object)] as const)));
    const plan = await planFixes(fixable, (object) => describes.get(object)!, (object, field) => readFieldDefinition(target, object, field));
    fix = { dryRun: request.dryRun === true, deployed: plan.planned.map((planned) => planned.fix), notDeployable: plan.unplanned, settled };
    if (fixTarget && plan.planned.length > 0) {
      fix.record = await deploy(request, plan.planned, fixTarget);
      report = await compare();
    }
  }
  return {
    source: request.sourceOrg.getUsername() ?? '',
    target: request.targetOrg.getUsername() ?? '',
    objects: report.objects,
    differences: report.differences,
    counts: countBySeverity(report.differences),
    ...(fix ? { fix } : {}),
  };
}

async function objectsOf(request: CompareRequest, sourceReads: OrgApi): Promise<TemplateObjectSpec[]> {
  if (request.templateFile) return (await readTemplateFile(request.templateFile)).objects;
  if (request.objects) return request.objects.map((name) => ({ name }));
  const names = await objectsWithRecords(new ConnectionDescribeSource(request.sourceOrg.getConnection(), sourceReads), sourceReads);
  if (names.length === 0) throw messages.createError('error.NoObjectsWithRecords', [request.sourceOrg.getUsername() ?? '']);
  return names.map((name) => ({ name }));
}

/** The target, once it may be changed: refused on production without confirmation; the running user found. */
async function fixTargetOf(request: CompareRequest, target: OrgApi, targetReads: OrgApi): Promise<FixTarget> {
  const username = request.targetOrg.getUsername() ?? '';
  const edition = await orgEdition(targetReads);
  if (edition.isProduction && !request.confirmProduction) throw messages.createError('error.ProductionTarget', [username, edition.organizationType]);
  const users = await queryAll(targetReads, `SELECT Id FROM User WHERE Username = ${soqlString(username)}`, { small: true });
  if (users.length === 0) throw messages.createError('error.TargetUserNotFound', [username]);
  return { api: new RetryingOrgApi(target), orgId: request.targetOrg.getOrgId(), username, userId: String(users[0].Id) };
}

async function deploy(request: CompareRequest, planned: readonly PlannedFix[], fixTarget: FixTarget): Promise<FixRecord> {
  try {
    return await applyFixes({
      planned,
      source: { orgId: request.sourceOrg.getOrgId(), username: request.sourceOrg.getUsername() ?? '' },
      target: fixTarget,
      journalRoot: request.journalRoot,
      onStep: (step, detail) => request.onStep?.(messages.getMessage(`step.${step}`, [detail])),
    });
  } catch (error) {
    if ((error as { errorCode?: string }).errorCode === 'DEPLOY_FAILED') {
      throw messages.createError('error.DeployFailed', [(error as Error).message]);
    }
    throw error;
  }
}

/** The target's definition of a custom field (readMetadata), the XML inside `<records>`. */
async function readFieldDefinition(target: OrgApi, object: string, field: string): Promise<string | undefined> {
  return (await readMetadata(target, 'CustomField', `${object}.${field}`))?.xml;
}

function suggestion(name: string | undefined): string {
  return name ? ` (did you mean ${name}?)` : '';
}

function countBySeverity(differences: readonly SchemaDifference[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { blocking: 0, dataLoss: 0, info: 0 };
  for (const difference of differences) counts[difference.severity]++;
  return counts;
}
