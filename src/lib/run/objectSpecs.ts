import type { DescribeSObject } from '../schema/describeTypes.js';
import { withTemplateNames } from '../schema/templateNames.js';
import type { MigrationPlan } from '../graph/planTypes.js';
import { renamedObjects, type SyncTemplate } from '../template/syncTemplate.js';
import { parentLookups, type ObjectSyncSpec } from '../transform/recordTransformer.js';
import { compileRowTransform, type TransformOptions } from '../transform/rowTransform.js';
import { maskSecret, runSecret } from '../mapping/masking/maskSecret.js';
import { BUILT_IN_REFERENCE_KEYS, type KeyAlternative } from '../transform/referenceKeys.js';

export type DescribeLookup = (object: string) => DescribeSObject;

/** The run's masking secret (SF_ISYNC_MASK_SECRET, else one of the run's own) and the clock of its expressions. */
export function defaultTransformOptions(): TransformOptions {
  return { secret: maskSecret() ?? runSecret(), now: new Date() };
}

/** One spec per plan step, in plan order: the template object, both describes, and how its lookups load. */
export function buildObjectSpecs(
  template: SyncTemplate,
  plan: MigrationPlan,
  sourceDescribe: DescribeLookup,
  targetDescribe: DescribeLookup,
  transformOptions: TransformOptions = defaultTransformOptions()
): ObjectSyncSpec[] {
  const templateNameOf = new Map([...renamedObjects(template.objects)].map(([name, targetName]) => [targetName, name]));
  return plan.steps.map((step) => {
    const object = template.objects.find((candidate) => candidate.name === step.object);
    if (!object) throw new Error(`The plan names ${step.object}, which the template does not have.`);
    const target = withTemplateNames(targetDescribe(object.name), templateNameOf);
    const targetFields = new Map(target.fields.map((field) => [field.name.toLowerCase(), field]));
    return {
      object: { ...object, insert: step.insert, update: step.update },
      source: sourceDescribe(object.name),
      target,
      fields: object.fields.map((name) => targetFields.get(name.toLowerCase())).filter((field) => field !== undefined),
      deferredLookups: new Set(step.deferredLookups),
      selfReferences: new Set(step.selfReferences),
      ...(object.transform ? { transform: compileRowTransform(object.transform, target, object.matchBy, transformOptions) } : {}),
    };
  });
}


/**
 * Objects each step must wait for: the template objects its non-deferred lookups point to. Deferred lookups
 * are what break cycles, so what remains is acyclic and consistent with the plan order.
 */
export function stepDependencies(specs: readonly ObjectSyncSpec[]): Map<string, Set<string>> {
  const inTemplate = new Set(specs.map((spec) => spec.object.name));
  const dependencies = new Map<string, Set<string>>();
  for (const spec of specs) {
    const parents = new Set<string>();
    for (const field of parentLookups(spec)) {
      for (const parent of field.referenceTo) {
        if (parent !== spec.object.name && inTemplate.has(parent)) parents.add(parent);
      }
    }
    dependencies.set(spec.object.name, parents);
  }
  return dependencies;
}

/** The template objects an object's deferred lookups point to. */
export function deferredParents(spec: ObjectSyncSpec): string[] {
  return spec.fields.filter((field) => spec.deferredLookups.has(field.name)).flatMap((field) => field.referenceTo);
}

/**
 * What the run's writes wait for, for their priority (see chainLengths): stepDependencies, plus each object's
 * deferred-lookup pass, which waits for the object and for the objects its deferred lookups point to, so that
 * those objects count as waited for (Team_Member__c, the target of Team__c's deferred Captain__c, is no leaf).
 */
export function scheduleDependencies(specs: readonly ObjectSyncSpec[]): Map<string, Set<string>> {
  const dependencies = stepDependencies(specs);
  const inTemplate = new Set(specs.map((spec) => spec.object.name));
  for (const spec of specs) {
    if (spec.deferredLookups.size === 0) continue;
    const waitsFor = [spec.object.name, ...deferredParents(spec).filter((parent) => inTemplate.has(parent))];
    dependencies.set(`${spec.object.name} (deferred lookups)`, new Set(waitsFor));
  }
  return dependencies;
}

/** How records of each object are found in the target when the run did not bring them. */
export function matchKeysByObject(template: SyncTemplate, plan: MigrationPlan): (object: string) => KeyAlternative[] {
  const keys = new Map<string, KeyAlternative[]>();
  for (const step of plan.steps) {
    for (const reference of step.references) {
      for (const resolution of reference.resolveBy) {
        keys.set(resolution.object, resolution.matchKeys.map((fields) => ({ source: fields, target: fields })));
      }
    }
  }
  for (const [object, alternatives] of Object.entries(BUILT_IN_REFERENCE_KEYS)) keys.set(object, alternatives);
  // An insert-only object has no key: none, even where the planner knows a default one for its type, so that
  // a lookup to a record this run did not insert fails instead of latching onto a look-alike in the target.
  for (const object of template.objects) keys.set(object.name, object.matchBy ? [object.matchBy] : []);
  return (object) => keys.get(object) ?? [];
}
