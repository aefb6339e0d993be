import type { OrgApi } from '../api/orgApi.js';
import { countQuery } from '../template/soqlClauses.js';
import { API_NAME } from '../schema/apiName.js';
import type { TemplateFile } from '../template/templateFile.js';
import type { SyncType } from '../template/syncTemplate.js';
import { dailyLimitOf, type DailyLimit } from './apiBudget.js';
import { CountQueries } from '../load/countQueries.js';
import { recordTypesOf, type RecordTypesAhead } from './preflight.js';
import type { AutomationItem } from '../automation/automationTypes.js';
import { readValidationRules } from '../automation/kinds/validationRules.js';

/**
 * The reads of a run that the template alone decides (its object names and filters), sent as soon as the
 * template is read, alongside the describes: the record counts, each org's daily API limit and the record
 * types the preflight compares. Made after the describes, they cost a round trip of their own before the run
 * could choose between REST and Bulk reads and send its first query. An object is asked for by its name as
 * written; a name whose describe spells it otherwise is asked again by the run, and a name that cannot be an
 * API name is not sent (the template check reports it).
 */
export type ReadsAhead = {
  counts: { source: CountQueries; target: CountQueries };
  limits: { source: Promise<DailyLimit>; target: Promise<DailyLimit> };
  recordTypes: RecordTypesAhead;
  /** Both orgs' validation rules, compared by the preflight; undefined when an org would not list them. */
  validationRules: { source: Promise<AutomationItem[] | undefined>; target: Promise<AutomationItem[] | undefined> };
};

export function startReadsAhead(file: TemplateFile, source: OrgApi, target: OrgApi, options: { syncType?: SyncType } = {}): ReadsAhead {
  const objects = file.objects.filter((spec) => API_NAME.test(spec.name));
  const counts = { source: new CountQueries(source), target: new CountQueries(target) };
  // Sent now; the run asks for them again by its objects (CountQueries keeps their failures handled). A delta
  // counts what changed since each object's last sync, which is known only once the journal was read: whole
  // counts would be asked for nothing (an object read in full asks for its own with the delta's counts).
  if ((options.syncType ?? file.options?.syncType ?? 'full') === 'full') {
    void counts.source.counts(objects.map((spec) => countQuery(spec.name, spec.where)));
    void counts.target.counts(objects.map((spec) => countQuery(spec.target ?? spec.name)));
  }
  const reads: ReadsAhead = {
    counts,
    limits: { source: dailyLimitOf(source), target: dailyLimitOf(target) },
    recordTypes: recordTypesOf(
      objects.map((spec) => spec.name),
      source,
      target,
      objects.map((spec) => spec.target ?? spec.name)
    ),
    validationRules: { source: rulesOrNothing(source, objects), target: targetRules(target, objects) },
  };
  // Awaited by the run, unless something fails first (a template problem, the preflight): then nobody awaits
  // them, and their failures must not surface as unhandled rejections.
  for (const pending of [reads.limits.source, reads.limits.target, reads.recordTypes.source, reads.recordTypes.target]) pending.catch(() => undefined);
  return reads;
}

/** The target's rules of the template's objects, named as the template names them (`"target"`: another name there). */
function targetRules(api: OrgApi, objects: ReadonlyArray<{ name: string; target?: string }>): Promise<AutomationItem[] | undefined> {
  const templateNameOf = new Map(objects.map((spec) => [(spec.target ?? spec.name).toLowerCase(), spec.name]));
  return rulesOrNothing(
    api,
    objects.map((spec) => ({ name: spec.target ?? spec.name }))
  ).then((rules) => rules?.map((rule) => ({ ...rule, object: templateNameOf.get(rule.object.toLowerCase()) ?? rule.object })));
}

/**
 * An org whose user may not read the Tooling API (or an org that has none) gets no validation rule comparison
 * rather than a failed run: the comparison is advice.
 */
function rulesOrNothing(api: OrgApi, objects: ReadonlyArray<{ name: string }>): Promise<AutomationItem[] | undefined> {
  if (objects.length === 0) return Promise.resolve([]);
  return readValidationRules(
    api,
    objects.map((spec) => spec.name)
  ).catch(() => undefined);
}
