/**
 * The schema every emulated org starts from (documented in README.md): the standard objects a sync tool
 * and the sf CLI touch, and custom objects that exercise external ids, required lookups, master-detail,
 * junctions, self-references and lookup cycles.
 */
import { DEFAULT_CUSTOM_OBJECTS } from './customObjects.js';
import { finalizeSchema } from './finalizeSchema.js';
import type { SchemaDef } from './model.js';
import { buildCustomObject } from './objectBuilder.js';
import { recordedParentRelationships } from './recordedDescribes.js';
import { defaultStandardObjects } from './standardObjects.js';

let built: SchemaDef | undefined;

/** A fresh copy of the default schema (callers may change it; the next call is unaffected). */
export function defaultSchema(): SchemaDef {
  built ??= finalizeSchema([...defaultStandardObjects(), ...DEFAULT_CUSTOM_OBJECTS.map(buildCustomObject)], recordedParentRelationships());
  return structuredClone(built);
}
