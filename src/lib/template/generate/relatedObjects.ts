import type { DescribeSource } from '../../schema/describeSource.js';
import type { DescribeChildRelationship, DescribeSObject } from '../../schema/describeTypes.js';
import { findField } from '../../schema/fieldRules.js';
import { hiddenRelationship, isPolymorphic, isRequiredLookup, lookupSkipReason, objectSkipReason, type GlobalEntry, type SkipReason } from './skippedObjects.js';

/** The lookup that brought an object into the template (or kept it out). */
export type Via = {
  /** The object already in the template that led here: the parent of a child, the child of a parent. */
  from: string;
  /** The lookup field, `Contact.AccountId`. */
  lookup: string;
  /** The parent's name for its children (`Contacts`), when the lookup is a child relationship that has one. */
  relationship: string | null;
};

/** `object`: named in --objects; `child`: through a child relationship; `parent`: a required lookup's target. */
export type RelatedKind = 'object' | 'child' | 'parent';

export type ChosenObject = {
  name: string;
  kind: RelatedKind;
  /** 0 for the named objects, 1..N for children; null for parents (added for a lookup, at no level). */
  level: number | null;
  via: Via | null;
  describe: DescribeSObject;
};

export type NotAddedObject = { name: string; kind: Exclude<RelatedKind, 'object'>; level: number | null; via: Via; reason: SkipReason };

/** A required lookup of a template object to an object the template does not bring. */
export type MissingParent = {
  lookup: string;
  /** The objects it points to (several for a polymorphic lookup). */
  parents: string[];
  /** Why they are not added: not asked (no --parents), polymorphic, or the parent's own skip reason. */
  reason: SkipReason | 'notAsked';
};

export type RelatedObjects = { chosen: ChosenObject[]; notAdded: NotAddedObject[]; missingParents: MissingParent[] };

export type RelatedInput = {
  source: DescribeSource;
  global: ReadonlyMap<string, GlobalEntry>;
  /** The named objects, described, in the order given. */
  roots: readonly DescribeSObject[];
  children: number;
  parents: boolean;
  /** Objects the sync finds in the target by a built-in key (lower-case names): never added, never missing. */
  resolvedByKey: ReadonlySet<string>;
};

type Candidate = { name: string; via: Via; relationship: DescribeChildRelationship };

/**
 * The objects of a generated template: the named ones, their children through the describes'
 * `childRelationships` down to `children` levels (breadth first: an object joins at the lowest level that
 * reaches it, through the first relationship that may bring it), then with `parents` the targets of their
 * required lookups, recursively. Objects the skip rules keep out are reported once, with the first reason
 * met, unless another path brings them in.
 */
export async function relatedObjects(input: RelatedInput): Promise<RelatedObjects> {
  const chosen = new Map<string, ChosenObject>();
  const notAdded = new Map<string, NotAddedObject>();
  const skip = (entry: NotAddedObject): void => {
    if (!chosen.has(entry.name.toLowerCase()) && !notAdded.has(entry.name.toLowerCase())) notAdded.set(entry.name.toLowerCase(), entry);
  };
  for (const describe of input.roots) chosen.set(describe.name.toLowerCase(), { name: describe.name, kind: 'object', level: 0, via: null, describe });

  let frontier = [...chosen.values()];
  for (let level = 1; level <= input.children && frontier.length > 0; level++) {
    const candidates = childCandidates(frontier, input, chosen, (name, via, reason) => skip({ name, kind: 'child', level, via, reason }));
    const describes = await describeAll(input.source, candidates.map((candidate) => candidate.name));
    const next: ChosenObject[] = [];
    for (const candidate of candidates) {
      const key = candidate.name.toLowerCase();
      if (chosen.has(key)) continue;
      const describe = describes.get(key);
      const field = describe ? findField(describe, candidate.relationship.field) : undefined;
      const reason = describe ? lookupSkipReason(field) : 'notDescribable';
      if (reason || !describe) {
        skip({ name: candidate.name, kind: 'child', level, via: candidate.via, reason: reason ?? 'notDescribable' });
        continue;
      }
      const object: ChosenObject = { name: describe.name, kind: 'child', level, via: candidate.via, describe };
      chosen.set(key, object);
      next.push(object);
    }
    frontier = next;
  }

  const missingParents = await requiredParents(input, chosen, (entry) => skip(entry));
  // An object kept out on one path and brought in on another (a parent first skipped as a child) is in.
  return { chosen: [...chosen.values()], notAdded: [...notAdded.values()].filter((entry) => !chosen.has(entry.name.toLowerCase())), missingParents };
}

/** The children of one level that the global describe allows, in describe order, each relationship once. */
function childCandidates(
  frontier: readonly ChosenObject[],
  input: RelatedInput,
  chosen: ReadonlyMap<string, ChosenObject>,
  skip: (name: string, via: Via, reason: SkipReason) => void
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const parent of frontier) {
    for (const relationship of parent.describe.childRelationships ?? []) {
      const entry = input.global.get(relationship.childSObject.toLowerCase());
      const name = entry?.name ?? relationship.childSObject;
      if (chosen.has(name.toLowerCase())) continue;
      const via: Via = { from: parent.name, lookup: `${name}.${relationship.field}`, relationship: relationship.relationshipName ?? null };
      const reason = hiddenRelationship(relationship) ? 'deprecated' : objectSkipReason(entry, input.resolvedByKey);
      if (reason) skip(name, via, reason);
      else candidates.push({ name, via, relationship });
    }
  }
  return candidates;
}

/**
 * With `parents`: adds the targets of the template objects' required lookups that the template does not bring
 * and that are not found by a built-in key, then theirs, until none is missing. What stays missing (no
 * `parents`, a polymorphic lookup, a parent that cannot be synced) is returned, for a warning.
 */
async function requiredParents(
  input: RelatedInput,
  chosen: Map<string, ChosenObject>,
  skip: (entry: NotAddedObject) => void
): Promise<MissingParent[]> {
  const missing: MissingParent[] = [];
  const polymorphic: Array<{ lookup: string; parents: string[] }> = [];
  let pending = [...chosen.values()];
  while (pending.length > 0) {
    const wanted = new Map<string, Via>();
    for (const object of pending) {
      for (const field of object.describe.fields.filter(isRequiredLookup)) {
        const lookup = `${object.name}.${field.name}`;
        const outside = field.referenceTo.filter((parent) => !chosen.has(parent.toLowerCase()) && !input.resolvedByKey.has(parent.toLowerCase()));
        if (outside.length === 0) continue;
        // Which object a polymorphic lookup needs cannot be told: it is checked once every parent is in.
        if (isPolymorphic(field)) polymorphic.push({ lookup, parents: field.referenceTo });
        else if (!input.parents) missing.push({ lookup, parents: outside, reason: 'notAsked' });
        if (isPolymorphic(field) || !input.parents) continue;
        const parent = input.global.get(outside[0].toLowerCase());
        const reason = objectSkipReason(parent, input.resolvedByKey);
        const via: Via = { from: object.name, lookup, relationship: null };
        if (reason) {
          missing.push({ lookup, parents: outside, reason });
          skip({ name: parent?.name ?? outside[0], kind: 'parent', level: null, via, reason });
        } else if (!wanted.has(parent!.name)) wanted.set(parent!.name, via);
      }
    }
    const describes = await describeAll(input.source, [...wanted.keys()]);
    pending = [];
    for (const [name, via] of wanted) {
      const describe = describes.get(name.toLowerCase());
      if (!describe) {
        missing.push({ lookup: via.lookup, parents: [name], reason: 'notDescribable' });
        skip({ name, kind: 'parent', level: null, via, reason: 'notDescribable' });
        continue;
      }
      const object: ChosenObject = { name: describe.name, kind: 'parent', level: null, via, describe };
      chosen.set(name.toLowerCase(), object);
      pending.push(object);
    }
  }
  // A polymorphic lookup is satisfied by any of its objects the template brings, or finds by a built-in key.
  const brought = (parent: string): boolean => chosen.has(parent.toLowerCase()) || input.resolvedByKey.has(parent.toLowerCase());
  for (const { lookup, parents } of polymorphic) if (!parents.some(brought)) missing.push({ lookup, parents, reason: 'polymorphicLookup' });
  return missing;
}

/**
 * The describes of `names` by lower-case name, fetched together (`prefetch`: a Composite request per 25 for an
 * org); a describe that fails is left out, and its object reported as `notDescribable` by the caller.
 */
export async function describeAll(source: DescribeSource, names: readonly string[]): Promise<Map<string, DescribeSObject>> {
  const unique = [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
  if (unique.length === 0) return new Map();
  await source.prefetch?.(unique);
  const outcomes = await Promise.allSettled(unique.map((name) => source.describe(name)));
  const describes = new Map<string, DescribeSObject>();
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') describes.set(unique[i].toLowerCase(), outcome.value);
  });
  return describes;
}
