import type { Connection } from '@salesforce/core';
import { collectLookups } from '../graph/lookups.js';
import { planMigration } from '../graph/planMigration.js';
import type { MigrationPlan } from '../graph/planTypes.js';
import { needsDescribeToResolve } from '../graph/referenceResolution.js';
import { ConnectionDescribeSource } from '../schema/connectionDescribeSource.js';
import type { DescribeSource } from '../schema/describeSource.js';
import type { DescribeSObject } from '../schema/describeTypes.js';
import pLimit from 'p-limit';
import { normaliseTemplate } from '../template/normaliseTemplate.js';
import { templateFromObjectList } from '../template/objectsTemplate.js';
import { planProblemToTemplateProblem } from '../graph/planProblems.js';
import { readTemplateFile } from '../template/readTemplateFile.js';
import { connectionSoqlChecker, type SoqlChecker } from '../template/soqlCheck.js';
import type { SyncTemplate } from '../template/syncTemplate.js';
import type { TemplateFile } from '../template/templateFile.js';
import { templateInvalidError } from '../template/templateProblems.js';

export type PrepareSyncInput = {
  /** Exactly one of `templateFile`, `objects` and `file`. */
  templateFile?: string;
  /** A template already in hand (a retry re-checks the template its run recorded). */
  file?: TemplateFile;
  objects?: string[];
  source: DescribeSource;
  target?: DescribeSource;
  /** Checks `where`/`orderBy` clauses in the source org. */
  checkSoql: SoqlChecker;
  /** Describe requests in flight at once per org (default 4). */
  describeConcurrency?: number;
  /**
   * Called once the template is read and of the right shape, before its objects are checked against the orgs:
   * the caller sends the reads that the template alone decides then, alongside the describes.
   */
  onTemplate?(file: TemplateFile): void;
};

export type PreparedSync = {
  /** The template as read (or as `--objects` stands for). */
  file: TemplateFile;
  template: SyncTemplate;
  plan: MigrationPlan;
  /** Template and plan warnings, for the user. */
  warnings: string[];
  sourceDescribes: Map<string, DescribeSObject>;
  targetDescribes?: Map<string, DescribeSObject>;
};

/**
 * Everything a sync needs before it moves a record: the template read and checked against both orgs, and the
 * migration plan. Any problem, in the template or in the order it implies, is thrown as one `TemplateInvalid`
 * SfError listing them all.
 */
export async function prepareSync(input: PrepareSyncInput): Promise<PreparedSync> {
  const file = await templateOf(input);
  input.onTemplate?.(file);
  const concurrency = input.describeConcurrency ?? 4;
  // Every template object is described in both orgs: ask for them all at once (one API call per 25 objects).
  await prefetchDescribes(input, file.objects.map((spec) => spec.name));
  const normalised = await normaliseTemplate(file, { source: input.source, target: input.target, checkSoql: input.checkSoql, concurrency });
  const { template, sourceDescribes, targetDescribes } = normalised;

  await addReferencedDescribes(template, sourceDescribes, input.source, concurrency);
  const outcome = planMigration({ template, source: sourceDescribes, target: targetDescribes });
  const problems = [...normalised.problems, ...outcome.problems.map(planProblemToTemplateProblem)];
  if (problems.length > 0) throw templateInvalidError(input.templateFile, problems);
  return {
    file,
    template,
    plan: outcome.plan,
    warnings: [...normalised.warnings, ...outcome.plan.warnings],
    sourceDescribes,
    targetDescribes,
  };
}

function templateOf(input: PrepareSyncInput): Promise<TemplateFile> | TemplateFile {
  if (input.file) return input.file;
  if (!input.templateFile) return templateFromObjectList(input.objects ?? []);
  // The describes leave as soon as the file names its objects and travel while its shape is checked: a round
  // trip's worth of time on a real org. Only a template of the wrong shape wastes them.
  return readTemplateFile(input.templateFile, (value) => void prefetchDescribes(input, objectNamesIn(value)).catch(() => undefined));
}

/** Describes cached per org: asking again for names already asked for sends nothing. */
async function prefetchDescribes(input: PrepareSyncInput, names: string[]): Promise<void> {
  await Promise.all([input.source.prefetch?.(names), input.target?.prefetch?.(names)]);
}

/** The object names of a template not checked yet: whatever `objects[].name` holds that is a string. */
function objectNamesIn(value: unknown): string[] {
  const objects = value !== null && typeof value === 'object' ? (value as { objects?: unknown }).objects : undefined;
  if (!Array.isArray(objects)) return [];
  return objects.flatMap((spec: unknown) => {
    const name = spec !== null && typeof spec === 'object' ? (spec as { name?: unknown }).name : undefined;
    return typeof name === 'string' ? [name] : [];
  });
}

/** `prepareSync` against real orgs: describes cached per call, clauses checked in the source org. */
export function prepareSyncWithConnections(
  input: Omit<PrepareSyncInput, 'source' | 'target' | 'checkSoql'> & { source: Connection; target?: Connection }
): Promise<PreparedSync> {
  return prepareSync({
    ...input,
    source: new ConnectionDescribeSource(input.source),
    target: input.target ? new ConnectionDescribeSource(input.target) : undefined,
    checkSoql: connectionSoqlChecker(input.source),
  });
}

/**
 * Describes the objects outside the template that synced lookups point to, so that the planner can find their
 * match keys. Best effort: an object the user cannot describe is left out and reported by the planner as a
 * reference it cannot resolve.
 */
async function addReferencedDescribes(
  template: SyncTemplate,
  describes: Map<string, DescribeSObject>,
  source: DescribeSource,
  concurrency: number
): Promise<void> {
  const existing = new Set((await source.describeGlobal()).sobjects.map((s) => s.name));
  const wanted = [...new Set(collectLookups(template, describes).flatMap((l) => l.outside))].filter(
    (name) => !describes.has(name) && existing.has(name) && needsDescribeToResolve(name)
  );
  if (wanted.length > 0) await source.prefetch?.(wanted);
  await pLimit(concurrency).map(wanted, async (name) => {
    try {
      describes.set(name, await source.describe(name));
    } catch {
      // Reported as an unresolvable reference by the planner.
    }
  });
}
