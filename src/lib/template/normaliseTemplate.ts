import type { DescribeSource } from '../schema/describeSource.js';
import type { DescribeSObject } from '../schema/describeTypes.js';
import { API_NAME } from '../schema/apiName.js';
import pLimit from 'p-limit';
import { checkSoqlClauses } from './checkSoqlClauses.js';
import { didYouMean } from './didYouMean.js';
import { resolveToggles } from './insertOnly.js';
import { resolveMatchKey, type MatchKeyContext } from './matchKey.js';
import { splitHistory } from './matchMode.js';
import { resolveFields } from './resolveFields.js';
import { resolveOrder } from './resolveOrder.js';
import { renamedParentProblems } from './renamedParents.js';
import { mappedSourceFields, resolveTransform, ruleTargetNames } from './resolveTransform.js';
import { maskSecret } from '../mapping/masking/maskSecret.js';
import type { SoqlChecker } from './soqlCheck.js';
import { DEFAULT_OPTIONS, type SyncObject, type SyncTemplate } from './syncTemplate.js';
import type { TemplateFile, TemplateObjectSpec } from './templateFile.js';
import { didYouMeanSuffix, templateProblem, type TemplateProblem } from './templateProblems.js';

export type NormaliseContext = {
  source: DescribeSource;
  target?: DescribeSource;
  checkSoql: SoqlChecker;
  /** Describe requests in flight at once per org. */
  concurrency: number;
};

export type NormalisedTemplate = {
  /** The objects that passed every check (all of them when `problems` is empty). */
  template: SyncTemplate;
  sourceDescribes: Map<string, DescribeSObject>;
  targetDescribes?: Map<string, DescribeSObject>;
  problems: TemplateProblem[];
  warnings: string[];
};

/** A template object found in the source; `targetName`: its target object in describe spelling (as written without a target org). */
type KnownObject = { spec: TemplateObjectSpec; name: string; targetName: string; inTarget: boolean };

/**
 * Checks a template against the orgs and fills its defaults. Every problem is collected, none stops the
 * checks, so that one run lists everything to fix: unknown objects and fields (with a did-you-mean), match keys
 * that cannot find records, `where`/`orderBy` clauses the source org rejects, and a malformed `order`.
 */
export async function normaliseTemplate(file: TemplateFile, ctx: NormaliseContext): Promise<NormalisedTemplate> {
  const problems: TemplateProblem[] = [];
  const warnings: string[] = [];
  const soqlChecks = startSoqlChecks(file.objects, ctx);
  const known = await resolveObjectNames(file.objects, ctx, problems);
  const sourceDescribes = await describeAll(known, ctx.source, 'source', ctx.concurrency, problems);
  const targetDescribes = ctx.target
    ? await describeAll(known.filter((k) => k.inTarget), ctx.target, 'target', ctx.concurrency, problems)
    : undefined;

  const described = known.filter((k) => sourceDescribes.has(k.name) && (!targetDescribes || targetDescribes.has(k.name)));
  const checked = await soqlChecks;
  const soqlProblems = described.map(({ spec, name }) => {
    const outcome = checked[file.objects.indexOf(spec)];
    if ('error' in outcome) throw outcome.error;
    return outcome.problems(name);
  });
  const objects: SyncObject[] = [];
  const hasSecret = maskSecret() !== undefined;
  for (const [i, { spec, name, targetName }] of described.entries()) {
    const source = sourceDescribes.get(name) as DescribeSObject;
    const target = targetDescribes?.get(name);
    const before = problems.length;
    const location = spec.name;
    const mappedSources = new Set(mappedSourceFields(spec, source));
    const ruleTargets = ruleTargetNames(spec);
    const fields = resolveFields(spec, { location, source, target, problems, warnings, mappedSources, ruleTargets });
    const targetOrg = target ? 'target' : 'source';
    const match = resolveMatch(spec, { location, source, target: target ?? source, targetOrg, problems });
    const toggles = resolveToggles(spec, location, problems, warnings);
    const describeSource = (object: string): Promise<DescribeSObject | undefined> => ctx.source.describe(object).catch(() => undefined);
    const transformContext = { location, source, target: target ?? source, targetOrg, describeSource, hasSecret, problems, warnings } as const;
    const transform = await resolveTransform(spec, fields.fields, match?.matchBy ?? null, transformContext);
    problems.push(...soqlProblems[i]);
    if (match !== undefined && problems.length === before) {
      const ruleTargets = transform?.rules.map((rule) => rule.target) ?? [];
      objects.push({
        name,
        ...(targetName !== name ? { targetName } : {}),
        ...(spec.where ? { where: spec.where } : {}),
        ...(spec.orderBy ? { orderBy: spec.orderBy } : {}),
        ...(spec.limit ? { limit: spec.limit } : {}),
        ...fields,
        fields: [...new Set([...fields.fields, ...ruleTargets])],
        ...match,
        ...toggles,
        ...(transform ? { transform } : {}),
      });
    }
  }

  problems.push(...renamedParentProblems(objects, sourceDescribes, targetDescribes));
  // The order is checked against every object the template names, valid or not, so that a typo in one object
  // does not also report it as "missing from order".
  const order = file.order ? resolveOrder(file.order, known.map((k) => k.name), problems) : null;
  const template: SyncTemplate = {
    objects,
    order: order && objects.length === known.length ? order : null,
    options: { ...DEFAULT_OPTIONS, ...file.options },
  };
  return { template, sourceDescribes, targetDescribes, problems, warnings };
}

/**
 * How the object is matched: `false` is insert-only (no key, no history); `"history"` (or a list starting with
 * it) asks for history, with the key that follows if any; an object without a natural key gets history by
 * default. Undefined when `matchBy` has problems.
 */
function resolveMatch(spec: TemplateObjectSpec, ctx: MatchKeyContext): Pick<SyncObject, 'matchBy' | 'history'> | undefined {
  if (spec.matchBy === false) return { matchBy: null, history: false };
  const split = splitHistory(spec.matchBy);
  if (!split) {
    ctx.problems.push(templateProblem(`${ctx.location} › matchBy`, 'historyNotFirst', [ctx.location], [ctx.location]));
    return undefined;
  }
  if (split.key === null) return { matchBy: null, history: true };
  const key = resolveMatchKey(split.key, ctx);
  if (key === undefined) return undefined;
  return key === null ? { matchBy: null, history: true } : { matchBy: key, history: split.history };
}

type SoqlCheckOutcome = { problems: (objectName: string) => TemplateProblem[] } | { error: unknown };

/**
 * The `where`/`orderBy` checks are queries of their own: they are sent at once, alongside the describes,
 * rather than one round trip after them, with the object's name as written; only the outcomes of objects
 * found to exist in both orgs are used (a failure included: it is thrown then, as the check made after the
 * describes would have thrown it), the others are dropped.
 */
function startSoqlChecks(specs: TemplateObjectSpec[], ctx: NormaliseContext): Promise<SoqlCheckOutcome[]> {
  return pLimit(ctx.concurrency).map(specs, (spec, index) =>
    // A name that cannot be an API name is an unknown object: its clauses are not sent to the org.
    (API_NAME.test(spec.name) ? checkSoqlClauses(spec.name, spec, index, ctx.checkSoql) : Promise.resolve(() => [])).then(
      (problems): SoqlCheckOutcome => ({ problems }),
      (error: unknown): SoqlCheckOutcome => ({ error })
    )
  );
}

/**
 * Object names in describe spelling; unknown names (in either org) and duplicates become problems. An object
 * with a `target` is looked for under that name in the target.
 */
async function resolveObjectNames(specs: TemplateObjectSpec[], ctx: NormaliseContext, problems: TemplateProblem[]): Promise<KnownObject[]> {
  const [sourceGlobal, targetGlobal] = await Promise.all([ctx.source.describeGlobal(), ctx.target?.describeGlobal()]);
  const sourceNames = sourceGlobal.sobjects.map((s) => s.name);
  const sourceByLower = new Map(sourceNames.map((name) => [name.toLowerCase(), name]));
  const targetNames = targetGlobal?.sobjects.map((s) => s.name);
  const targetByLower = targetNames ? new Map(targetNames.map((name) => [name.toLowerCase(), name])) : undefined;
  const seen = new Set<string>();
  const known: KnownObject[] = [];
  for (const spec of specs) {
    const name = sourceByLower.get(spec.name.toLowerCase());
    if (!name) {
      const suggestion = didYouMeanSuffix(didYouMean(spec.name, sourceNames));
      problems.push(templateProblem(spec.name, 'unknownObject', [spec.name, 'source', suggestion]));
    } else if (seen.has(name)) {
      problems.push(templateProblem(spec.name, 'duplicateObject', [name]));
    } else {
      seen.add(name);
      const wanted = spec.target ?? name;
      const targetName = targetByLower ? targetByLower.get(wanted.toLowerCase()) : wanted;
      if (!targetName) {
        const suggestion = spec.target ? didYouMeanSuffix(didYouMean(spec.target, targetNames ?? [])) : '';
        problems.push(templateProblem(spec.target ? `${spec.name} › target` : spec.name, 'unknownObject', [wanted, 'target', suggestion]));
      }
      known.push({ spec, name, targetName: targetName ?? wanted, inTarget: targetName !== undefined });
    }
  }
  return known;
}

async function describeAll(
  known: KnownObject[],
  source: DescribeSource,
  org: string,
  concurrency: number,
  problems: TemplateProblem[]
): Promise<Map<string, DescribeSObject>> {
  const describes = new Map<string, DescribeSObject>();
  await pLimit(concurrency).map(known, async ({ spec, name, targetName }) => {
    // Kept under the template's (source) name, which the plan and the engine use, whatever the org calls it.
    const describedName = org === 'target' ? targetName : name;
    try {
      describes.set(name, await source.describe(describedName));
    } catch (error) {
      problems.push(templateProblem(spec.name, 'objectNotDescribable', [describedName, org, (error as Error).message]));
    }
  });
  return describes;
}
