import type { DescribeField, DescribeSObject } from '../../../src/lib/schema/describeTypes.js';
import { field } from '../graph/describeBuilders.js';

// The field builders are the planner tests' own (one set of describe defaults for every unit test).
export { field, lookup } from '../graph/describeBuilders.js';

/** An object with Id and exactly the given fields (the engine tests choose their own name field). */
export function describe(name: string, fields: DescribeField[]): DescribeSObject {
  return {
    name,
    createable: true,
    updateable: true,
    queryable: true,
    custom: name.endsWith('__c'),
    fields: [field('Id', { type: 'id', createable: false, updateable: false }), ...fields],
  };
}
