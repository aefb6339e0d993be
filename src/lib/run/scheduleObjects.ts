import { runDeferredPass, type DeferredPassResult } from '../load/deferredPass.js';
import type { EngineRun } from '../load/engineRun.js';
import { ObjectSync } from '../load/objectSync.js';
import { parentLookups, type ObjectSyncSpec } from '../transform/recordTransformer.js';
import { BUILT_IN_REFERENCE_KEYS } from '../transform/referenceKeys.js';
import { deferredParents, stepDependencies } from './objectSpecs.js';

/**
 * Runs the objects side by side. With record-level pipelining (`engine.state.arrivals`) they all start at once and
 * each record waits for its own parents (Contacts go as soon as their Account is in); with the template's
 * `objectByObject`, an object starts once every object it depends on is done. The deferred lookups of an
 * object are filled as soon as it and the objects they point to are done, while the rest of the run goes on
 * (the final pass takes what is left); answers what those early passes did.
 */
export async function runObjects(specs: readonly ObjectSyncSpec[], engine: EngineRun): Promise<DeferredPassResult> {
  const dependencies = stepDependencies(specs);
  const { arrivals } = engine.state;
  const done = new Map<string, Promise<void>>();
  for (const spec of specs) {
    const name = spec.object.name;
    const parents = arrivals ? [] : [...dependencies.get(name)!].map((parent) => done.get(parent)).filter((p) => p !== undefined);
    const run = Promise.all(parents).then(async () => {
      await new ObjectSync(spec, engine).run();
    });
    done.set(
      name,
      run.then(
        () => arrivals?.finished(name),
        (error: unknown) => {
          // Children waiting for this object's records stop too, instead of waiting for ever.
          arrivals?.abort(error);
          throw error;
        }
      )
    );
  }
  const passes = specs
    .filter((spec) => spec.deferredLookups.size > 0)
    .map((spec) => {
      const waitFor = [spec.object.name, ...deferredParents(spec)].map((object) => done.get(object)).filter((p) => p !== undefined);
      return Promise.all(waitFor).then(() => runDeferredPass(engine, new Set([spec.object.name])));
    });
  // allSettled first, so a RunStop in one object lets the others finish their in-flight batches.
  const outcomes = await Promise.allSettled([...done.values(), ...passes]);
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  const results = await Promise.all(passes);
  return results.reduce(addPasses, { updated: 0, failed: 0, unresolved: 0 });
}

/**
 * Starts reading whole, in both orgs, the small objects the run's lookups point to outside the template
 * (owners, record types, queues: see ReferenceResolver.preload), while the first source pages are read.
 */
export function preloadOutsideReferences(engine: EngineRun, specs: readonly ObjectSyncSpec[]): void {
  const objects = new Set<string>();
  for (const spec of specs) {
    for (const field of parentLookups(spec)) {
      for (const object of field.referenceTo) if (!engine.config.templateObjects.has(object) && object in BUILT_IN_REFERENCE_KEYS) objects.add(object);
    }
  }
  // Not awaited: lookups of these objects wait for it; one that fails leaves them to be made record by record.
  for (const object of objects) engine.services.resolver.preload(object).catch(() => undefined);
}

export function addPasses(a: DeferredPassResult, b: DeferredPassResult): DeferredPassResult {
  return { updated: a.updated + b.updated, failed: a.failed + b.failed, unresolved: a.unresolved + b.unresolved };
}
