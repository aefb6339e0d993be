import { escapeXml } from '../api/soapXml.js';
import type { DescribeField } from '../schema/describeTypes.js';

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

/** Describe types a deploy creates as the same kind of field (Metadata API `CustomField.type`). */
const FIELD_TYPES: Record<string, string> = {
  string: 'Text',
  email: 'Email',
  phone: 'Phone',
  url: 'Url',
  picklist: 'Picklist',
  multipicklist: 'MultiselectPicklist',
  int: 'Number',
  double: 'Number',
  currency: 'Currency',
  percent: 'Percent',
  boolean: 'Checkbox',
  date: 'Date',
  datetime: 'DateTime',
  time: 'Time',
};

/** Longest text of a TextArea; longer ones are LongTextArea (Salesforce's limits). */
const TEXT_AREA_MAX = 255;

/**
 * The Metadata API type of a custom field like this one, or undefined when a deploy cannot create it from a
 * describe alone: master-detail (it needs every record to have a parent), polymorphic lookups, rich text,
 * encrypted text, formulas, roll-ups and auto-numbers.
 */
export function customFieldType(field: DescribeField): string | undefined {
  if (field.calculated || field.autoNumber) return undefined;
  if (field.type === 'reference') return field.referenceTo.length === 1 && field.relationshipOrder === null && field.relationshipName ? 'Lookup' : undefined;
  if (field.type === 'textarea') return field.length > TEXT_AREA_MAX ? 'LongTextArea' : 'TextArea';
  return FIELD_TYPES[field.type];
}

/**
 * The source-format file of a custom field (`objects/<Object>/fields/<Field>.field-meta.xml`) that creates it
 * as the source describes it. Not copied: `required` (the target's existing records would have no value),
 * field history and descriptions, which a describe does not tell.
 */
export function customFieldXml(field: DescribeField): string {
  const type = customFieldType(field);
  if (!type) throw new Error(`${field.name} (${field.type}) cannot be created from its describe.`);
  const members: Array<[string, string | number | boolean]> = [['label', field.label ?? field.name.replace(/__c$/, '').replace(/_/g, ' ')]];
  if (field.inlineHelpText) members.push(['inlineHelpText', field.inlineHelpText]);
  if (field.externalId) members.push(['externalId', true]);
  if (field.unique && type === 'Text') members.push(['unique', true]);
  members.push(['type', type], ...typeMembers(type, field));
  // In the order of the Metadata API's CustomField type (alphabetical after fullName), as retrieved files are.
  const elements = members.map(([name, value]): [string, string] => [name, `    <${name}>${escapeXml(String(value))}</${name}>\n`]);
  if (type === 'Picklist' || type === 'MultiselectPicklist') elements.push(['valueSet', valueSetXml(field)]);
  elements.sort(([a], [b]) => (a < b ? -1 : 1));
  const body = `    <fullName>${escapeXml(field.name)}</fullName>\n` + elements.map(([, xml]) => xml).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="${METADATA_NS}">\n${body}</CustomField>\n`;
}

function typeMembers(type: string, field: DescribeField): Array<[string, string | number | boolean]> {
  switch (type) {
    case 'Text':
      return [['length', field.length]];
    case 'LongTextArea':
      return [
        ['length', field.length],
        ['visibleLines', 3],
      ];
    case 'Number':
    case 'Currency':
    case 'Percent':
      return [
        ['precision', field.precision || field.digits || 18],
        ['scale', field.scale ?? 0],
      ];
    case 'Checkbox':
      return [['defaultValue', false]];
    case 'MultiselectPicklist':
      return [['visibleLines', 4]];
    case 'Lookup':
      return [
        ['referenceTo', field.referenceTo[0]],
        ['relationshipName', field.relationshipName ?? ''],
        ['deleteConstraint', 'SetNull'],
      ];
    default:
      return [];
  }
}

/** The picklist's active values, in the source's order, with its default and whether it is restricted. */
function valueSetXml(field: DescribeField): string {
  const values = field.picklistValues
    .filter((value) => value.active)
    .map(
      (value) =>
        `            <value>\n                <fullName>${escapeXml(value.value)}</fullName>\n                <default>${String(value.defaultValue)}</default>\n` +
        `                <label>${escapeXml(value.label ?? value.value)}</label>\n            </value>\n`
    )
    .join('');
  return (
    `    <valueSet>\n        <restricted>${String(field.restrictedPicklist === true)}</restricted>\n` +
    `        <valueSetDefinition>\n            <sorted>false</sorted>\n${values}        </valueSetDefinition>\n    </valueSet>\n`
  );
}
