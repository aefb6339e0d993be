import { isLookup } from '../../schema/fieldRules.js';
import type { ChosenObject } from './relatedObjects.js';

/**
 * The objects in a readable order for the generated template: every object after the objects its lookups point
 * to, else (inside a cycle) in the order they were found. Only for reading: the template has no `order`, so
 * `order`, `scan` and `execute` compute the real one (cycles broken by deferring nillable lookups).
 */
export function templateOrder(objects: readonly ChosenObject[]): ChosenObject[] {
  const index = new Map(objects.map((object, i) => [object.name.toLowerCase(), i]));
  const parentsOf = objects.map((object, i) => {
    const parents = object.describe.fields
      .filter((field) => isLookup(field) && field.createable)
      .flatMap((field) => field.referenceTo.map((name) => index.get(name.toLowerCase())))
      .filter((parent): parent is number => parent !== undefined && parent !== i);
    return new Set(parents);
  });
  const placed = new Set<number>();
  const order: ChosenObject[] = [];
  while (order.length < objects.length) {
    const waiting = objects.map((_, i) => i).filter((i) => !placed.has(i));
    // The first object found whose parents are all placed; in a cycle none is, and the first found goes.
    const next = waiting.find((i) => [...parentsOf[i]].every((parent) => placed.has(parent))) ?? waiting[0];
    placed.add(next);
    order.push(objects[next]);
  }
  return order;
}
