/**
 * Applies a checked schema file to a schema: removals first, then changes, then additions (so a file can
 * replace a field by removing and re-adding it). Every mistake that needs the schema to be seen (an
 * unknown object, a field a validation rule still uses...) is reported with the path of the entry at fault.
 */
import { conditionIdentifiers, unknownConditionIdentifiers } from './conditionFields.js';
import { buildField } from './fieldBuilders.js';
import type { FieldSpec } from './fieldSpec.js';
import type { Problems } from './jsonChecks.js';
import type { FieldDescribe, ObjectDef } from './model.js';
import { buildCustomObject, parentRelationshipsOf } from './objectBuilder.js';
import type { FieldChange, SchemaFile } from './schemaFileFormat.js';

/** Objects the org itself needs (running user, org row, record types, queues, EntityDefinition rows). */
const UNREMOVABLE_OBJECTS = new Set(['User', 'Group', 'RecordType', 'Organization', 'EntityDefinition']);

/** Fields the org maintains; a schema file can neither remove nor redefine them. */
const SYSTEM_FIELDS = new Set([
  'Id',
  'IsDeleted',
  'Name',
  'OwnerId',
  'RecordTypeId',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'LastActivityDate',
  'LastViewedDate',
  'LastReferencedDate',
]);

class SchemaEditor {
  private readonly objects: Map<string, ObjectDef>;
  /** Lookups and master-details the file declares, checked once all objects are known. */
  private readonly declaredReferences: Array<{ path: string; spec: FieldSpec }> = [];

  public constructor(
    objects: ObjectDef[],
    private readonly problems: Problems
  ) {
    this.objects = new Map(objects.map((def) => [def.header.name, def]));
  }

  public result(): ObjectDef[] {
    return [...this.objects.values()];
  }

  public object(name: string, path: string): ObjectDef | undefined {
    const def = this.objects.get(name);
    if (!def) this.problems.push(`${path}: no object "${name}" in the schema`);
    return def;
  }

  public field(objectName: string, fieldName: string, path: string): { def: ObjectDef; field: FieldDescribe } | undefined {
    const def = this.object(objectName, path);
    if (!def) return undefined;
    const field = def.fields.find((candidate) => candidate.name === fieldName);
    if (!field) {
      this.problems.push(`${path}: no field "${fieldName}" on ${objectName}`);
      return undefined;
    }
    return { def, field };
  }

  private fieldPath(key: string, path: string): { def: ObjectDef; field: FieldDescribe } | undefined {
    const [objectName, fieldName] = key.split('.');
    return this.field(objectName, fieldName, path);
  }

  private notSystemField(fieldName: string, path: string): boolean {
    if (!SYSTEM_FIELDS.has(fieldName)) return true;
    this.problems.push(`${path}: ${fieldName} is a system field; the org maintains it`);
    return false;
  }

  public removeObjects(names: string[]): void {
    names.forEach((name, index) => {
      const path = `$.removeObjects[${index}]`;
      if (UNREMOVABLE_OBJECTS.has(name)) this.problems.push(`${path}: ${name} cannot be removed, every org has it`);
      else if (this.object(name, path)) this.objects.delete(name);
    });
  }

  public removeFields(byObject: Record<string, string[]>): void {
    for (const [objectName, fieldNames] of Object.entries(byObject)) {
      fieldNames.forEach((fieldName, index) => {
        const path = `$.removeFields["${objectName}"][${index}]`;
        const found = this.field(objectName, fieldName, path);
        if (!found || !this.notSystemField(fieldName, path)) return;
        const rule = found.def.validationRules.find((candidate) =>
          conditionIdentifiers(candidate.errorCondition).some((identifier) => identifier.toLowerCase() === fieldName.toLowerCase())
        );
        if (rule) {
          this.problems.push(`${path}: validation rule ${rule.name} uses ${fieldName}, and Salesforce does not delete a field a validation rule uses`);
          return;
        }
        found.def.fields = found.def.fields.filter((field) => field.name !== fieldName);
        delete found.def.parentRelationships?.[fieldName];
        for (const recordType of found.def.recordTypes) delete recordType.picklistValues?.[fieldName];
      });
    }
  }

  public removePicklistValues(byField: Record<string, string[]>): void {
    for (const [key, values] of Object.entries(byField)) {
      const path = `$.removePicklistValues["${key}"]`;
      const found = this.fieldPath(key, path);
      if (!found) continue;
      const { def, field } = found;
      if (field.type !== 'picklist' && field.type !== 'multipicklist') {
        this.problems.push(`${path}: ${key} is a ${field.type} field, not a picklist`);
        continue;
      }
      values.forEach((value, index) => {
        if (!field.picklistValues.some((entry) => entry.value === value)) {
          this.problems.push(`${path}[${index}]: "${value}" is not a value of ${key}`);
        }
      });
      field.picklistValues = field.picklistValues.filter((entry) => !values.includes(entry.value));
      if (typeof field.defaultValue === 'string' && values.includes(field.defaultValue)) {
        field.defaultValue = null;
        field.defaultedOnCreate = false;
      }
      for (const recordType of def.recordTypes) {
        const allowed = recordType.picklistValues?.[field.name];
        if (allowed) recordType.picklistValues![field.name] = allowed.filter((value) => !values.includes(value));
      }
    }
  }

  public removeRecordTypes(byObject: Record<string, string[]>): void {
    for (const [objectName, developerNames] of Object.entries(byObject)) {
      const def = this.object(objectName, `$.removeRecordTypes["${objectName}"]`);
      if (!def) continue;
      developerNames.forEach((developerName, index) => {
        if (!def.recordTypes.some((recordType) => recordType.developerName === developerName)) {
          this.problems.push(`$.removeRecordTypes["${objectName}"][${index}]: ${objectName} has no record type "${developerName}"`);
        }
      });
      def.recordTypes = def.recordTypes.filter((recordType) => !developerNames.includes(recordType.developerName));
      // Salesforce always has a default record type while any remains: the first active one takes over.
      if (def.recordTypes.length > 0 && !def.recordTypes.some((recordType) => recordType.defaultRecordTypeMapping)) {
        const next = def.recordTypes.find((recordType) => recordType.active) ?? def.recordTypes[0];
        next.defaultRecordTypeMapping = true;
      }
    }
  }

  public changeFields(byField: Record<string, FieldChange>): void {
    for (const [key, change] of Object.entries(byField)) {
      const path = `$.changeFields["${key}"]`;
      const found = this.fieldPath(key, path);
      if (!found || !this.notSystemField(found.field.name, path)) continue;
      const { def, field } = found;
      let changed = field;
      if (change.spec) {
        // A redefinition keeps what the admin did not change: the label and whether the field is custom.
        changed = { ...buildField({ label: field.label, ...change.spec }), custom: field.custom };
        this.replaceParentRelationship(def, change.spec);
        this.declaredReferences.push({ path: `${path}.spec`, spec: change.spec });
      }
      if (change.required !== undefined) changed = this.withRequired(changed, change.required, path);
      def.fields = def.fields.map((candidate) => (candidate === field ? changed : candidate));
    }
  }

  private withRequired(field: FieldDescribe, required: boolean, path: string): FieldDescribe {
    if (field.type === 'boolean') {
      this.problems.push(`${path}.required: a checkbox is never null, it cannot be made optional or required`);
      return field;
    }
    if (field.relationshipOrder !== null && !required) {
      this.problems.push(`${path}.required: a master-detail field is always required`);
      return field;
    }
    return { ...field, nillable: !required, permissionable: !required };
  }

  private replaceParentRelationship(def: ObjectDef, spec: FieldSpec): void {
    def.parentRelationships ??= {};
    delete def.parentRelationships[spec.name];
    Object.assign(def.parentRelationships, parentRelationshipsOf([spec], def.header.labelPlural));
  }

  public addObjects(specs: SchemaFile['addObjects'] & object): void {
    specs.forEach((spec, index) => {
      const path = `$.addObjects[${index}]`;
      if (this.objects.has(spec.name)) {
        this.problems.push(`${path}.name: ${spec.name} already exists`);
        return;
      }
      const clash = [...this.objects.values()].find((def) => def.header.keyPrefix.toLowerCase() === spec.keyPrefix.toLowerCase());
      if (clash) {
        this.problems.push(`${path}.keyPrefix: "${spec.keyPrefix}" is already ${clash.header.name}'s key prefix`);
        return;
      }
      this.objects.set(spec.name, buildCustomObject(spec));
      spec.fields.forEach((field, fieldIndex) => this.declaredReferences.push({ path: `${path}.fields[${fieldIndex}]`, spec: field }));
    });
  }

  public addFields(byObject: Record<string, FieldSpec[]>): void {
    for (const [objectName, specs] of Object.entries(byObject)) {
      const def = this.object(objectName, `$.addFields["${objectName}"]`);
      if (!def) continue;
      specs.forEach((spec, index) => {
        if (def.fields.some((field) => field.name.toLowerCase() === spec.name.toLowerCase())) {
          this.problems.push(`$.addFields["${objectName}"][${index}].name: ${objectName} already has a field ${spec.name}`);
          return;
        }
        def.fields.push(buildField(spec));
        this.replaceParentRelationship(def, spec);
        this.declaredReferences.push({ path: `$.addFields["${objectName}"][${index}]`, spec });
        // A master-detail field makes the object a detail: ownership comes from the master.
        if (spec.kind === 'masterDetail') def.fields = def.fields.filter((field) => field.name !== 'OwnerId');
      });
    }
  }

  public addRecordTypes(byObject: NonNullable<SchemaFile['addRecordTypes']>): void {
    for (const [objectName, recordTypes] of Object.entries(byObject)) {
      const def = this.object(objectName, `$.addRecordTypes["${objectName}"]`);
      if (!def) continue;
      recordTypes.forEach((recordType, index) => {
        if (def.recordTypes.some((existing) => existing.developerName === recordType.developerName)) {
          this.problems.push(`$.addRecordTypes["${objectName}"][${index}].developerName: ${objectName} already has "${recordType.developerName}"`);
          return;
        }
        if (recordType.defaultRecordTypeMapping) for (const existing of def.recordTypes) existing.defaultRecordTypeMapping = false;
        if (def.recordTypes.length === 0) recordType.defaultRecordTypeMapping = true;
        def.recordTypes.push(recordType);
      });
    }
  }

  public addValidationRules(byObject: NonNullable<SchemaFile['addValidationRules']>): void {
    for (const [objectName, rules] of Object.entries(byObject)) {
      const def = this.object(objectName, `$.addValidationRules["${objectName}"]`);
      if (!def) continue;
      rules.forEach((rule, index) => {
        if (def.validationRules.some((existing) => existing.name === rule.name)) {
          this.problems.push(`$.addValidationRules["${objectName}"][${index}].name: ${objectName} already has a rule ${rule.name}`);
          return;
        }
        def.validationRules.push(rule);
      });
    }
  }

  /**
   * Whole-schema checks once every change is in: declared references target existing objects (references
   * the default schema had to a removed object are pruned by finalizeSchema, so removing an object removes
   * the fields that pointed only to it), and validation rules and record types fit their fields.
   */
  public checkConsistency(): void {
    for (const { path, spec } of this.declaredReferences) {
      if (spec.kind !== 'lookup' && spec.kind !== 'masterDetail') continue;
      const targets = typeof spec.referenceTo === 'string' ? [spec.referenceTo] : spec.referenceTo;
      for (const target of targets.filter((candidate) => !this.objects.has(candidate))) {
        this.problems.push(`${path}.referenceTo: no object "${target}" in the schema`);
      }
    }
    for (const def of this.objects.values()) {
      const name = def.header.name;
      for (const rule of def.validationRules) {
        const unknown = unknownConditionIdentifiers(rule.errorCondition, def.fields);
        if (unknown.length > 0) this.problems.push(`${name} validation rule ${rule.name}: unknown field ${unknown.join(', ')}`);
        if (rule.errorDisplayField && !def.fields.some((field) => field.name === rule.errorDisplayField)) {
          this.problems.push(`${name} validation rule ${rule.name}: errorDisplayField ${rule.errorDisplayField} is not a field`);
        }
      }
      for (const recordType of def.recordTypes) this.checkRecordTypePicklists(def, recordType.developerName, recordType.picklistValues ?? {});
    }
  }

  private checkRecordTypePicklists(def: ObjectDef, developerName: string, picklistValues: Record<string, string[]>): void {
    for (const [fieldName, values] of Object.entries(picklistValues)) {
      const where = `${def.header.name} record type ${developerName}`;
      const field = def.fields.find((candidate) => candidate.name === fieldName);
      if (!field || (field.type !== 'picklist' && field.type !== 'multipicklist')) {
        this.problems.push(`${where}: ${fieldName} is not a picklist of ${def.header.name}`);
        continue;
      }
      const missing = values.filter((value) => !field.picklistValues.some((entry) => entry.value === value));
      if (missing.length > 0) this.problems.push(`${where}: ${fieldName} has no value ${missing.map((value) => `"${value}"`).join(', ')}`);
    }
  }
}

/** The schema's objects with the file's changes; problems found are appended to `problems`. */
export function applySchemaFile(objects: ObjectDef[], file: SchemaFile, problems: Problems): ObjectDef[] {
  const editor = new SchemaEditor(structuredClone(objects), problems);
  if (file.removeObjects) editor.removeObjects(file.removeObjects);
  if (file.removeFields) editor.removeFields(file.removeFields);
  if (file.removePicklistValues) editor.removePicklistValues(file.removePicklistValues);
  if (file.removeRecordTypes) editor.removeRecordTypes(file.removeRecordTypes);
  if (file.changeFields) editor.changeFields(file.changeFields);
  if (file.addObjects) editor.addObjects(file.addObjects);
  if (file.addFields) editor.addFields(file.addFields);
  if (file.addRecordTypes) editor.addRecordTypes(file.addRecordTypes);
  if (file.addValidationRules) editor.addValidationRules(file.addValidationRules);
  editor.checkConsistency();
  return editor.result();
}
