import type { DescribeField, DescribeSObject } from '../../../src/lib/schema/describeTypes.js';

/** A describe field with the defaults of a plain writable text field; tests override what matters. */
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

export function lookup(name: string, referenceTo: string[], overrides: Partial<DescribeField> = {}): DescribeField {
  return field(name, { type: 'reference', referenceTo, relationshipName: name.replace(/Id$/, ''), length: 18, ...overrides });
}

export function describe(name: string, fields: DescribeField[]): DescribeSObject {
  return { name, createable: true, updateable: true, queryable: true, custom: name.endsWith('__c'), fields: [field('Id', { type: 'id', createable: false, updateable: false }), ...fields] };
}
