/**
 * Bulk API 2.0 query results are CSV: every cell is text and null is an empty cell. The engine works on rows
 * as the REST query API gives them, so each cell is turned into the value REST would have answered, by the
 * field's describe type: numbers, booleans, null, dates as `yyyy-MM-dd`, datetimes as
 * `yyyy-MM-ddTHH:mm:ss.SSS+0000` (Bulk writes them with `Z`). Salesforce stores no empty text, so an empty
 * cell is null for every type. `attributes` is left out: the engine never reads it.
 */
import type { SObjectRow } from '../api/queryPages.js';
import type { DescribeField } from '../schema/describeTypes.js';

type CellValue = (cell: string, field: string) => unknown;

const text: CellValue = (cell) => cell;

function number(cell: string, field: string): number {
  const value = Number(cell);
  if (Number.isNaN(value)) throw new TypeError(`Bulk API query result: ${field} holds "${cell}", not a number`);
  return value;
}

function boolean(cell: string, field: string): boolean {
  if (cell === 'true' || cell === 'false') return cell === 'true';
  throw new TypeError(`Bulk API query result: ${field} holds "${cell}", not true or false`);
}

/** Whatever ISO form the cell uses (`Z`, an offset, with or without milliseconds), REST's UTC form. */
function datetime(cell: string, field: string): string {
  const date = new Date(cell);
  if (Number.isNaN(date.getTime())) throw new TypeError(`Bulk API query result: ${field} holds "${cell}", not a datetime`);
  return date.toISOString().replace(/Z$/, '+0000');
}

/** Describe types whose Bulk CSV cells this module can type; compound and binary fields Bulk cannot select. */
const CELL_VALUES: Readonly<Record<string, CellValue>> = {
  id: text,
  reference: text,
  string: text,
  textarea: text,
  picklist: text,
  multipicklist: text,
  combobox: text,
  email: text,
  phone: text,
  url: text,
  encryptedstring: text,
  date: text,
  time: text,
  boolean,
  int: number,
  long: number,
  double: number,
  currency: number,
  percent: number,
  datetime,
};

/** One page of query results as parsed CSV: the header line's cells, then each row's cells in that order. */
export type CsvPage = { header: string[]; rows: string[][] };

type Column = { name: string; value: CellValue };

function columnOf(header: string, byName: ReadonlyMap<string, DescribeField>): Column | undefined {
  const field = byName.get(header.toLowerCase());
  const value = field ? CELL_VALUES[field.type] : undefined;
  return field && value ? { name: field.name, value } : undefined;
}

const fieldsByName = (fields: readonly DescribeField[]): Map<string, DescribeField> =>
  new Map(fields.map((field) => [field.name.toLowerCase(), field]));

/**
 * Whether every column is a field of `fields` whose cells can be typed: not a relationship path such as
 * `Account.Name` and not a type Bulk cannot carry. Queries that fail this stay on REST.
 */
export function canTypeColumns(columns: readonly string[], fields: readonly DescribeField[]): boolean {
  const byName = fieldsByName(fields);
  return columns.every((column) => columnOf(column, byName) !== undefined);
}

/** The page's rows as REST rows: keyed by the describe's field names (headers match case-insensitively). */
export function restRowsOf(page: CsvPage, fields: readonly DescribeField[]): SObjectRow[] {
  const byName = fieldsByName(fields);
  const columns = page.header.map((header) => {
    const column = columnOf(header, byName);
    if (!column) throw new TypeError(`Bulk API query result column ${header} is not a field whose values can be typed`);
    return column;
  });
  return page.rows.map((cells) => {
    const row: SObjectRow = {};
    columns.forEach(({ name, value }, index) => {
      const cell = cells[index] ?? '';
      row[name] = cell === '' ? null : value(cell, name);
    });
    return row;
  });
}
