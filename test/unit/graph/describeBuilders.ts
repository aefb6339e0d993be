import type { DescribeField, DescribeSObject } from '../../../src/lib/schema/describeTypes.js';
import type { DescribeMap } from '../../../src/lib/schema/describeSource.js';
import { defaultWritableFields } from '../../../src/lib/schema/fieldRules.js';
import { DEFAULT_OPTIONS, type SyncTemplate } from '../../../src/lib/template/syncTemplate.js';

/** Test builders for describes: only the keys the library reads, with Salesforce's defaults for a custom field. */

export function field(name: string, overrides: Partial<DescribeField> = {}): DescribeField {
  return {
    name,
    type: 'string',
    referenceTo: [],
    relationshipName: null,
    relationshipOrder: null,
    nillable: true,
    createable: true,
    updateable: true,
    calculated: false,
    autoNumber: false,
    defaultedOnCreate: false,
    externalId: false,
    idLookup: false,
    unique: false,
    nameField: false,
    filterable: true,
    cascadeDelete: false,
    polymorphicForeignKey: false,
    length: 255,
    picklistValues: [],
    ...overrides,
  };
}

/** An optional lookup: nillable, createable, updateable, so it can be deferred. */
export function lookup(name: string, referenceTo: string | string[], overrides: Partial<DescribeField> = {}): DescribeField {
  const targets = Array.isArray(referenceTo) ? referenceTo : [referenceTo];
  return field(name, {
    type: 'reference',
    referenceTo: targets,
    relationshipName: name.replace(/__c$/, '__r').replace(/Id$/, ''),
    polymorphicForeignKey: targets.length > 1,
    length: 18,
    ...overrides,
  });
}

/** A lookup that must be set on insert (not nillable). */
export function requiredLookup(name: string, referenceTo: string): DescribeField {
  return lookup(name, referenceTo, { nillable: false });
}

/** A master-detail field, as Salesforce describes it (relationshipOrder 0, not nillable, cascade delete). */
export function masterDetail(name: string, referenceTo: string, order = 0): DescribeField {
  return lookup(name, referenceTo, { nillable: false, relationshipOrder: order, cascadeDelete: true, updateable: false });
}

/** An object with Id, an idLookup Name field and the given fields. */
export function sobject(name: string, fields: DescribeField[] = []): DescribeSObject {
  return {
    name,
    createable: true,
    updateable: true,
    queryable: true,
    custom: name.endsWith('__c'),
    fields: [
      field('Id', { type: 'id', nillable: false, createable: false, updateable: false, idLookup: true, length: 18 }),
      field('Name', { nameField: true, idLookup: false, nillable: false }),
      ...fields,
    ],
  };
}

export function describeMap(...describes: DescribeSObject[]): DescribeMap {
  return new Map(describes.map((d) => [d.name, d]));
}

/** A validated template syncing every writable field of the given objects, matched by Name. */
export function templateOf(describes: DescribeSObject[], order: string[] | null = null): SyncTemplate {
  return {
    objects: describes.map((d) => ({
      name: d.name,
      fields: defaultWritableFields(d),
      requestedFields: null,
      excludeFields: [],
      matchBy: { source: ['Name'], target: ['Name'] },
      history: false,
      insert: true,
      update: true,
    })),
    order,
    options: { ...DEFAULT_OPTIONS },
  };
}
