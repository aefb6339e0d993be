/**
 * `readMetadata('CustomField', 'Object.Field__c')`: a custom field of the org's schema as the Metadata API
 * answers it, rendered from its describe (what the emulator stores), with `fullName` first and the other
 * members in the WSDL's (alphabetical) order. What a describe does not hold (description, field history,
 * business status) is absent, as a real org leaves unset members out. Used by clients that add picklist values
 * to a field: they send the definition back with the values added (a deploy deactivates the values it omits).
 */
import type { FieldDescribe } from '../schema/model.js';
import type { SchemaIndex } from '../org/schemaIndex.js';
import type { Member } from './metadataComponents.js';

const m = (name: string, value: Member['value']): Member => ({ name, value });

/** The members of a custom field, or undefined when the org has no custom field of that full name. */
export function customFieldMembers(schema: SchemaIndex, fullName: string): Member[] | undefined {
  const [objectName, fieldName, ...rest] = fullName.trim().split('.');
  if (!fieldName || rest.length > 0 || !fieldName.toLowerCase().endsWith('__c')) return undefined;
  const info = schema.object(objectName);
  const field = info?.fieldsByLowerName.get(fieldName.toLowerCase());
  if (!info || !field) return undefined;
  const members = [m('label', field.label), ...typeMembers(field)];
  if (field.externalId) members.push(m('externalId', 'true'));
  if (field.inlineHelpText) members.push(m('inlineHelpText', field.inlineHelpText));
  if (field.unique) members.push(m('unique', 'true'));
  if (!field.nillable && field.type !== 'boolean' && field.relationshipOrder === null) members.push(m('required', 'true'));
  members.sort((a, b) => (a.name < b.name ? -1 : 1));
  return [m('fullName', `${info.name}.${field.name}`), ...members];
}

function typeMembers(field: FieldDescribe): Member[] {
  switch (field.type) {
    case 'string':
      return [m('type', 'Text'), m('length', String(field.length))];
    case 'textarea':
      return field.length > 255
        ? [m('type', 'LongTextArea'), m('length', String(field.length)), m('visibleLines', String(field.precision || 3))]
        : [m('type', 'TextArea')];
    case 'email':
      return [m('type', 'Email')];
    case 'phone':
      return [m('type', 'Phone')];
    case 'url':
      return [m('type', 'Url')];
    case 'boolean':
      return [m('type', 'Checkbox'), m('defaultValue', String(field.defaultValue === true))];
    case 'date':
      return [m('type', 'Date')];
    case 'datetime':
      return [m('type', 'DateTime')];
    case 'time':
      return [m('type', 'Time')];
    case 'int':
      return [m('type', 'Number'), m('precision', String(field.digits)), m('scale', '0')];
    case 'double':
    case 'currency':
    case 'percent':
      return [
        m('type', field.type === 'double' ? 'Number' : field.type === 'currency' ? 'Currency' : 'Percent'),
        m('precision', String(field.precision)),
        m('scale', String(field.scale)),
      ];
    case 'picklist':
    case 'multipicklist':
      return [
        m('type', field.type === 'picklist' ? 'Picklist' : 'MultiselectPicklist'),
        valueSet(field),
        ...(field.type === 'multipicklist' ? [m('visibleLines', '4')] : []),
      ];
    case 'reference':
      return [
        m('type', field.relationshipOrder === null ? 'Lookup' : 'MasterDetail'),
        m('referenceTo', field.referenceTo[0] ?? ''),
        m('relationshipName', field.relationshipName ?? ''),
        ...(field.relationshipOrder === null ? [m('deleteConstraint', 'SetNull')] : []),
      ];
    default:
      return [m('type', field.type)];
  }
}

/** The active values, in order, with the default and the restriction. */
function valueSet(field: FieldDescribe): Member {
  const values = field.picklistValues
    .filter((value) => value.active)
    .map((value) => m('value', [m('fullName', value.value), m('default', String(value.defaultValue)), m('label', value.label ?? value.value)]));
  return m('valueSet', [m('restricted', String(field.restrictedPicklist === true)), m('valueSetDefinition', [m('sorted', 'false'), ...values])]);
}
