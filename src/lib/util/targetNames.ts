/** A template object's name in the target org: its own, or the one the template loads it into (`"target"`). */
export type TargetName = (object: string) => string;

/** A write's `sobject` (see WriteRequest) for a template object: its target name when it has another one. */
export function sobjectIn(targetName: TargetName, object: string): { sobject?: string } {
  const sobject = targetName(object);
  return sobject === object ? {} : { sobject };
}
