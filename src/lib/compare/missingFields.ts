import type { DescribeField } from '../schema/describeTypes.js';
import type { CompareScope } from './compareScope.js';
import { isCustomField } from './fieldDifferences.js';
import { customFieldType } from './fieldMetadata.js';
import type { SchemaDifference } from './schemaDifference.js';

export type MissingField = {
  scope: CompareScope;
  sourceField: DescribeField;
  /** The target field it is written to. */
  targetName: string;
  /** Named by the template (`fields`, `fieldMap`): the template check refuses it. Else its values are left out. */
  listed: boolean;
  /** The target's objects, by lower-case name. */
  targetObjects: ReadonlyMap<string, string>;
};

/**
 * A field the target does not have. `compare --fix` creates it as the source has it when it is a custom field
 * written under its own name, of a type a deploy can create, whose lookups point to objects the target has.
 */
export function fieldMissing({ scope, sourceField, targetName, listed, targetObjects }: MissingField): SchemaDifference {
  const { object } = scope;
  const named = targetName === sourceField.name ? sourceField.name : `${sourceField.name} (written to ${targetName})`;
  const deployable =
    isCustomField(sourceField.name) &&
    targetName.toLowerCase() === sourceField.name.toLowerCase() &&
    customFieldType(sourceField) !== undefined &&
    sourceField.referenceTo.every((parent) => targetObjects.has(parent.toLowerCase()));
  return {
    object,
    field: named,
    kind: 'fieldMissing',
    severity: listed ? 'blocking' : 'dataLoss',
    what: listed
      ? `${object}.${named}: the template writes it, but the target's ${scope.targetObject} has no field ${targetName}; the template is refused.`
      : `${object}.${named}: the target's ${scope.targetObject} has no field ${targetName}; its values are not synced.`,
    fix: `Create ${scope.targetObject}.${targetName} in the target, or add "${sourceField.name}" to "excludeFields" of ${object}.`,
    ...(deployable ? { autoFix: { type: 'CustomField' as const, object, targetObject: scope.targetObject, field: sourceField.name } } : {}),
  };
}
