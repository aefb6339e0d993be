/**
 * `@{referenceId.path}` references between composite subrequests: resolved against the bodies of earlier
 * subrequests, in URLs (as text) and in request bodies (a whole-string reference keeps the value's type).
 */
const REFERENCE = /@\{([^}]+)\}/g;

export class UnresolvedReference extends Error {
  public constructor(
    public readonly expression: string,
    public readonly referenceId: string
  ) {
    super(`Invalid reference specified. No value for ${expression} found in ${referenceId}. Provided referenceId ensure it is a valid referenceId.`);
  }
}

/** Follows `records[0].Id`-style paths through a JSON value. */
function follow(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path.split('.').filter((s) => s !== '')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(step);
    if (!m) return undefined;
    if (m[1] !== '') current = (current as Record<string, unknown> | null | undefined)?.[m[1]];
    for (const index of m[2].matchAll(/\[(\d+)\]/g)) current = (current as unknown[] | null | undefined)?.[Number(index[1])];
  }
  return current;
}

export class ReferenceResolver {
  private readonly bodies = new Map<string, unknown>();

  public remember(referenceId: string, body: unknown): void {
    this.bodies.set(referenceId, body);
  }

  private lookup(expression: string): unknown {
    const [referenceId, ...rest] = expression.split('.');
    const [head, ...indexes] = referenceId.split('[');
    if (!this.bodies.has(head)) throw new UnresolvedReference(expression, head);
    const path = [indexes.length > 0 ? `[${indexes.join('[')}` : '', ...rest].filter((s) => s !== '').join('.');
    const value = follow(this.bodies.get(head), path);
    if (value === undefined || value === null) throw new UnresolvedReference(expression, head);
    return value;
  }

  public inText(text: string): string {
    return text.replace(REFERENCE, (_all, expression: string) => String(this.lookup(expression)));
  }

  public inBody(value: unknown): unknown {
    if (typeof value === 'string') {
      const whole = /^@\{([^}]+)\}$/.exec(value);
      return whole ? this.lookup(whole[1]) : this.inText(value);
    }
    if (Array.isArray(value)) return value.map((v) => this.inBody(v));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.inBody(v)]));
    }
    return value;
  }
}
