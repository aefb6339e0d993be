import { Messages, SfError } from '@salesforce/core';
import type { DescribeSource } from '../../schema/describeSource.js';
import type { DescribeSObject } from '../../schema/describeTypes.js';
import { didYouMean } from '../didYouMean.js';
import { didYouMeanSuffix } from '../templateProblems.js';
import type { TemplateFile } from '../templateFile.js';
import { objectMatch, type ObjectMatch } from './matchReason.js';
import { describeAll, relatedObjects, type ChosenObject, type MissingParent, type NotAddedObject, type RelatedKind, type Via } from './relatedObjects.js';
import { objectSkipReason, refusesSync, type GlobalEntry, type SkipReason } from './skippedObjects.js';
import { templateOrder } from './templateOrder.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.template.generate');

/** The most child levels `--children` follows (iSyncSF's "Configure Related" goes five levels deep). */
export const MAX_CHILD_LEVELS = 5;
/** Direct children by default: what "related objects" means to most users; 0 is what `--objects` does alone. */
export const DEFAULT_CHILD_LEVELS = 1;

export type GenerateInput = {
  source: DescribeSource;
  /** The objects to start from, as the user named them (any case), each once. */
  objects: readonly string[];
  /** Child levels to follow, 0..MAX_CHILD_LEVELS. */
  children: number;
  /** Add the targets of required lookups, recursively. */
  parents: boolean;
  /**
   * Objects the sync finds in the target by a built-in key and never creates: the command passes the objects of
   * `BUILT_IN_REFERENCE_KEYS` (transform/referenceKeys.ts, which template/ cannot import: transform imports it).
   */
  resolvedByKey: readonly string[];
  /** The `$schema` of the written template (see `templateSchemaRef`). */
  schemaRef?: string;
};

export type GeneratedObject = ObjectMatch & { name: string; kind: RelatedKind; level: number | null; via: Via | null };

export type SkippedObject = NotAddedObject & { why: string };

export type GeneratedTemplate = {
  /** What is written: `$schema`, then each object with its `matchBy`; nothing else (no prose, no `fields`, no `order`). */
  template: TemplateFile;
  /** The template's objects in its order, with how each got there and why it is matched so. */
  objects: GeneratedObject[];
  /** Related objects left out, and why. */
  notAdded: SkippedObject[];
  /** Required lookups to objects the template does not bring. */
  warnings: string[];
};

/**
 * A sync template from the source org's describes: the named objects, their children to `children` levels
 * and (with `parents`) the targets of their required lookups, each with the match key the product would use
 * written as `matchBy`. Refuses an unknown object (with a suggestion), an object that cannot be synced at all,
 * and a level count out of range, before anything is described.
 */
export async function generateTemplate(input: GenerateInput): Promise<GeneratedTemplate> {
  assertChildLevels(input.children);
  const globalDescribe = await input.source.describeGlobal();
  const global = new Map<string, GlobalEntry>(globalDescribe.sobjects.map((entry) => [entry.name.toLowerCase(), entry]));
  const resolvedByKey = new Set(input.resolvedByKey.map((name) => name.toLowerCase()));
  const roots = await describeRoots(input, global, resolvedByKey);
  const related = await relatedObjects({ source: input.source, global, roots, children: input.children, parents: input.parents, resolvedByKey });

  const objects = templateOrder(related.chosen).map(generatedObject);
  const template: TemplateFile = {
    ...(input.schemaRef ? { $schema: input.schemaRef } : {}),
    objects: objects.map((object) => ({ name: object.name, matchBy: object.matchBy })),
  };
  const notAdded = related.notAdded.map((entry) => ({ ...entry, why: skipWhy(entry.reason) }));
  return { template, objects, notAdded, warnings: related.missingParents.map(missingParentWarning) };
}

/**
 * Refuses a level count out of range or not a whole number (`given`: as the user wrote it). The command's flag
 * refuses it first, as a bad command line.
 */
export function assertChildLevels(children: number, exitCode = 1, given = String(children)): void {
  if (!Number.isInteger(children) || children < 0 || children > MAX_CHILD_LEVELS) {
    throw messages.createError('error.ChildrenOutOfRange', [given, MAX_CHILD_LEVELS], [MAX_CHILD_LEVELS], exitCode);
  }
}

/** The named objects in describe spelling, described; every unknown name in one error, with suggestions. */
async function describeRoots(input: GenerateInput, global: ReadonlyMap<string, GlobalEntry>, resolvedByKey: ReadonlySet<string>): Promise<DescribeSObject[]> {
  const unknown = input.objects.filter((name) => !global.has(name.toLowerCase()));
  if (unknown.length > 0) {
    const names = [...global.values()].map((entry) => entry.name);
    const lines = unknown.map((name) => messages.getMessage('error.UnknownObject', [name, didYouMeanSuffix(didYouMean(name, names))]));
    throw new SfError(lines.join('\n'), 'UnknownObjectError', messages.getMessages('error.UnknownObject.actions'), 1);
  }
  const entries = [...new Set(input.objects.map((name) => global.get(name.toLowerCase())!))];
  const refused = entries.find((entry) => refusesSync(objectSkipReason(entry, resolvedByKey)));
  if (refused) {
    const reason = objectSkipReason(refused, resolvedByKey)!;
    throw messages.createError('error.ObjectNotSyncable', [refused.name, skipWhy(reason)], [refused.name]);
  }
  const describes = await describeAll(
    input.source,
    entries.map((entry) => entry.name)
  );
  // A named object whose describe fails is an error of its own (access, the org): ask again to surface it.
  return Promise.all(entries.map((entry) => Promise.resolve(describes.get(entry.name.toLowerCase()) ?? input.source.describe(entry.name))));
}

function generatedObject(object: ChosenObject): GeneratedObject {
  return { name: object.name, kind: object.kind, level: object.level, via: object.via, ...objectMatch(object.describe) };
}

function skipWhy(reason: SkipReason): string {
  return messages.getMessage(`reason.${reason}`);
}

function missingParentWarning(missing: MissingParent): string {
  const parents = missing.parents.join(', ');
  if (missing.reason === 'notAsked') return messages.getMessage('warning.RequiredParentNotAdded', [missing.lookup, parents]);
  if (missing.reason === 'polymorphicLookup') return messages.getMessage('warning.RequiredPolymorphicParent', [missing.lookup, parents]);
  return messages.getMessage('warning.RequiredParentSkipped', [missing.lookup, parents, skipWhy(missing.reason)]);
}
