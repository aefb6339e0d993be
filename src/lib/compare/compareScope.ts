import type { OrgApi } from '../api/orgApi.js';
import { CountQueries } from '../load/countQueries.js';
import type { DescribeSource } from '../schema/describeSource.js';
import type { DescribeGlobalSObject } from '../schema/describeTypes.js';
import { defaultWritableFields } from '../schema/fieldRules.js';
import { valueTranslationOf } from '../template/resolveTransform.js';
import type { ValueTranslation } from '../template/transformRules.js';
import type { TemplateObjectSpec } from '../template/templateFile.js';
import { isDataObject } from './dataObjects.js';

/** One source field and the target field(s) it is written to (`fieldMap` may name several). */
export type ComparedField = { field: string; targets: string[]; listed: boolean };

/** What a sync of one object would write, as far as the schemas matter: compared by compareOrgs. */
export type CompareScope = {
  object: string;
  targetObject: string;
  fields: ComparedField[];
  /** Target fields written by `set` and `compute`, whatever the source has. */
  ruleTargets: string[];
  /** `valueMap` per target field (lower case). */
  valueMaps: Map<string, ValueTranslation>;
  insert: boolean;
  update: boolean;
};

/** Objects the source org does not have, with the closest names it has. */
export class UnknownObjectsError extends Error {
  public constructor(public readonly names: string[]) {
    super(`Unknown object(s) in the source: ${names.join(', ')}`);
  }
}

/**
 * The scope of each template object: the fields it lists, or every field the sync writes by default (the
 * source's writable fields), less `excludeFields`, each with its `fieldMap` targets.
 */
export async function scopeOfTemplate(objects: readonly TemplateObjectSpec[], source: DescribeSource): Promise<CompareScope[]> {
  const names = await sourceNames(objects.map((spec) => spec.name), source);
  return Promise.all(
    objects.map(async (spec) => {
      const object = names.get(spec.name.toLowerCase())!;
      const describe = await source.describe(object);
      const excluded = new Set((spec.excludeFields ?? []).map((name) => name.toLowerCase()));
      const mapped = new Map(Object.entries(spec.fieldMap ?? {}).map(([from, to]) => [from.toLowerCase(), typeof to === 'string' ? [to] : to]));
      const chosen = (spec.fields ?? defaultWritableFields(describe)).filter((name) => !excluded.has(name.toLowerCase()));
      const ruleTargets = [...Object.keys(spec.set ?? {}), ...Object.keys(spec.compute ?? {})];
      const ruled = new Set(ruleTargets.map((name) => name.toLowerCase()));
      const fields = chosen
        .filter((name) => !ruled.has(name.toLowerCase()) && !mapped.has(name.toLowerCase()))
        .map((field) => ({ field, targets: [field], listed: spec.fields !== undefined }));
      for (const [from, targets] of mapped) fields.push({ field: from, targets, listed: true });
      const valueMaps = new Map(Object.entries(spec.valueMap ?? {}).map(([field, map]) => [field.toLowerCase(), valueTranslationOf(map)]));
      return { object, targetObject: spec.target ?? object, fields, ruleTargets, valueMaps, insert: spec.insert ?? true, update: spec.update ?? true };
    })
  );
}

/** Every data object of the source that holds records (`--all`), counted five to a Composite call. */
export async function objectsWithRecords(source: DescribeSource, sourceApi: OrgApi): Promise<string[]> {
  const candidates = (await source.describeGlobal()).sobjects.filter((sobject: DescribeGlobalSObject) => isDataObject(sobject)).map((sobject) => sobject.name);
  const counts = await Promise.all(new CountQueries(sourceApi).counts(candidates.map((name) => `SELECT COUNT() FROM ${name}`)));
  return candidates.filter((_, index) => counts[index] > 0);
}

/** The source's spelling of each name (lower case -> API name); throws UnknownObjectsError for names it lacks. */
async function sourceNames(names: readonly string[], source: DescribeSource): Promise<Map<string, string>> {
  const known = new Map((await source.describeGlobal()).sobjects.map((sobject) => [sobject.name.toLowerCase(), sobject.name]));
  const unknown = names.filter((name) => !known.has(name.toLowerCase()));
  if (unknown.length > 0) throw new UnknownObjectsError(unknown);
  void source.prefetch?.(names.map((name) => known.get(name.toLowerCase())!));
  return known;
}
