/**
 * The org's record types: ids allocated at boot from each ObjectDef's `recordTypes`, plus the master
 * record type every object with record types has (`012000000000000AAA`, as in real describes).
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

  public all(): RegisteredRecordType[] {
    return [...this.byId.values()];
  }
}
