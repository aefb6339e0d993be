/**
 * The org's record types: ids allocated at boot from each ObjectDef's `recordTypes`, plus the master
 * record type every object with record types has (`012000000000000AAA`, as in real describes), plus those a
 * Metadata API deploy creates (deploy/recordTypeDeploy.ts).
 */
import type { ObjectDef, RecordTypeDef } from '../schema/model.js';
import type { IdAllocator } from './ids.js';

export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';
export const RECORD_TYPE_PREFIX = '012';

export type RegisteredRecordType = { id: string; objectName: string; def: RecordTypeDef };

export class RecordTypeRegistry {
  private readonly byObject = new Map<string, RegisteredRecordType[]>();
  private readonly byId = new Map<string, RegisteredRecordType>();

  public constructor(objects: ObjectDef[], ids: IdAllocator) {
    for (const object of objects) {
      const registered = object.recordTypes.map((def) => ({
        id: ids.next(RECORD_TYPE_PREFIX),
        objectName: object.header.name,
        def,
      }));
      this.byObject.set(object.header.name.toLowerCase(), registered);
      for (const rt of registered) this.byId.set(rt.id, rt);
    }
  }

  public forObject(objectName: string): RegisteredRecordType[] {
    return this.byObject.get(objectName.toLowerCase()) ?? [];
  }

  public get(id: string): RegisteredRecordType | undefined {
    return this.byId.get(id);
  }

  /** The record type new records get when none is given: the default mapping, else none (master). */
  public defaultFor(objectName: string): RegisteredRecordType | undefined {
    const types = this.forObject(objectName).filter((rt) => rt.def.active);
    return types.find((rt) => rt.def.defaultRecordTypeMapping) ?? undefined;
  }

  public byDeveloperName(objectName: string, developerName: string): RegisteredRecordType | undefined {
    return this.forObject(objectName).find((rt) => rt.def.developerName === developerName);
  }

  /** A record type a metadata deploy created (its RecordType row already holds `id`). */
  public add(objectName: string, def: RecordTypeDef, id: string): RegisteredRecordType {
    const registered = { id, objectName, def };
    const key = objectName.toLowerCase();
    this.byObject.set(key, [...this.forObject(objectName), registered]);
    this.byId.set(id, registered);
    return registered;
  }

  /** Forgets a deployed record type (the org back to its start state). */
  public remove(id: string): void {
    const registered = this.byId.get(id);
    if (!registered) return;
    this.byId.delete(id);
    const key = registered.objectName.toLowerCase();
    this.byObject.set(
      key,
      this.forObject(registered.objectName).filter((rt) => rt.id !== id)
    );
  }

  public all(): RegisteredRecordType[] {
    return [...this.byId.values()];
  }
}
