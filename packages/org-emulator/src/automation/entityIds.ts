/**
 * EntityDefinition.DurableId per object: a standard object's is its API name (`Account`), a custom object's
 * its `01I...` metadata id. Flows name their object by it (FlowDefinitionView.TriggerObjectOrEventId), so
 * it is fixed for the org's life (an org reset keeps it), and differs between orgs, as on Salesforce.
 */
import type { SchemaDef } from '../schema/model.js';
import { KEY_PREFIXES, MetadataIds } from './metadataIds.js';

export class EntityIds {
  private readonly byName = new Map<string, string>();
  private readonly byId = new Map<string, string>();

  public constructor(pod: string, schema: SchemaDef) {
    const ids = new MetadataIds(pod, 'E');
    for (const def of schema.objects) {
      const name = def.header.name;
      const id = def.header.custom ? ids.next(KEY_PREFIXES.customObject) : name;
      this.byName.set(name.toLowerCase(), id);
      this.byId.set(id.toLowerCase(), name);
      if (id.length === 18) this.byId.set(id.slice(0, 15).toLowerCase(), name);
    }
  }

  public durableId(objectName: string): string {
    return this.byName.get(objectName.toLowerCase()) ?? objectName;
  }

  /** The object a DurableId (or, for a custom object, its 15-character form) names. */
  public objectOf(durableId: string): string | undefined {
    return this.byId.get(durableId.toLowerCase());
  }
}
