/**
 * ORDER BY: a stable multi-key sort. Text sorts case-insensitively; nulls come first ascending and last
 * descending unless NULLS FIRST/LAST says otherwise, as in Salesforce.
 */
import type { OrderItem } from './ast.js';
import { messages, queryError } from './errors.js';
import { kindOf, type ValueKind } from './fieldKinds.js';
import type { ObjectSchema, SchemaResolver } from './resolver.js';
import type { SoqlDataSource, StoredRecord } from './types.js';
import { comparableOf, pathReader, type Comparable, type RecordReader } from './values.js';

export type OrderContext = {
  resolver: SchemaResolver;
  root: ObjectSchema;
  alias?: string;
  source: SoqlDataSource;
  text: string;
};

type SortKey = { read: RecordReader; kind: ValueKind; descending: boolean; nullsLast: boolean };

export type RecordSorter = (records: StoredRecord[]) => StoredRecord[];

function compareKeys(a: Comparable, b: Comparable, key: SortKey): number {
  if (a === b) return 0;
  if (a === null) return key.nullsLast ? 1 : -1;
  if (b === null) return key.nullsLast ? -1 : 1;
  const order = a < b ? -1 : 1;
  return key.descending ? -order : order;
}

export function compileOrderBy(items: OrderItem[], ctx: OrderContext): RecordSorter {
  const keys: SortKey[] = items.map((item) => {
    const resolved = ctx.resolver.path(ctx.root, item.path, ctx.alias);
    const kind = kindOf(resolved.field);
    if (!resolved.field.sortable || kind === 'opaque') {
      throw queryError('INVALID_FIELD', ctx.text, item.path.start, messages.notSortable(resolved.field.name));
    }
    return { read: pathReader(resolved, ctx.source), kind, descending: item.descending, nullsLast: item.nullsLast };
  });
  return (records) => {
    // Decorate once: reading a parent path per comparison would repeat the lookups n log n times.
    const decorated = records.map((record) => ({ record, values: keys.map((k) => comparableOf(k.kind, k.read(record))) }));
    decorated.sort((x, y) => {
      for (let i = 0; i < keys.length; i += 1) {
        const result = compareKeys(x.values[i], y.values[i], keys[i]);
        if (result !== 0) return result;
      }
      return 0;
    });
    return decorated.map((d) => d.record);
  };
}
