/**
 * EntityDefinition rows derived from a schema. EntityDefinition is an object of the schema like any other
 * (read-only, see setupObjects.ts); the org stores these rows when it is created, so SOQL answers
 * `SELECT QualifiedApiName, Label FROM EntityDefinition WHERE IsDeprecatedAndHidden = false ...` with no
 * special case.
 *
 * Real rows are addressed by DurableId (`/sobjects/EntityDefinition/Account`), so the row's Id is its
 * DurableId. DurableId is the API name for every object; real custom objects use their `01I...` metadata
 * id instead, which the emulator has no use for.
 */
import type { ObjectDef, SchemaDef } from './model.js';

export type EntityDefinitionRow = Record<string, unknown> & { Id: string };

function namespaceOf(apiName: string): string | null {
  const parts = apiName.split('__');
  return parts.length === 3 ? parts[0] : null;
}

function developerNameOf(apiName: string): string {
  const withoutSuffix = apiName.replace(/__c$/, '');
  const namespace = namespaceOf(apiName);
  return namespace ? withoutSuffix.slice(namespace.length + 2) : withoutSuffix;
}

export function entityDefinitionRow(def: ObjectDef): EntityDefinitionRow {
  const header = def.header;
  return {
    Id: header.name,
    DurableId: header.name,
    QualifiedApiName: header.name,
    NamespacePrefix: namespaceOf(header.name),
    DeveloperName: developerNameOf(header.name),
    MasterLabel: header.label,
    Label: header.label,
    PluralLabel: header.labelPlural,
    KeyPrefix: header.keyPrefix,
    IsCustomizable: header.custom || header.layoutable,
    IsCustomSetting: header.customSetting,
    IsDeprecatedAndHidden: header.deprecatedAndHidden,
    IsQueryable: header.queryable,
    IsSearchable: header.searchable,
    IsTriggerable: header.triggerable,
    IsRetrieveable: header.retrieveable,
    IsReplicateable: header.replicateable,
    IsLayoutable: header.layoutable,
    IsEverCreatable: header.createable,
    IsEverUpdatable: header.updateable,
    IsEverDeletable: header.deletable,
    IsFeedEnabled: header.feedEnabled,
    IsMruEnabled: header.mruEnabled,
    IsIdEnabled: true,
  };
}

/** One row per object of the schema, in the schema's order. */
export function entityDefinitionRows(schema: SchemaDef): EntityDefinitionRow[] {
  return schema.objects.map(entityDefinitionRow);
}
