/**
 * The little XML that sf isync's SOAP calls need (Partner `undelete()`, Metadata `readMetadata`/`updateMetadata`):
 * envelopes are built as text, answers read by element local name whatever namespace prefixes they use.
 */

/** A SOAP fault: the whole call failed. `errorCode` is the exception code (`INVALID_SESSION_ID`). */
export class SoapFaultError extends Error {
  public constructor(
    public readonly faultCode: string,
    public readonly faultString: string
  ) {
    super(`${faultCode}: ${faultString}`);
    this.name = 'SoapFaultError';
  }

  public get errorCode(): string {
    return this.faultCode.replace(/^[^:]*:/, '');
  }
}

/** The fault in an answer (a 500's body), or undefined. */
export function parseFault(xml: string): SoapFaultError | undefined {
  const fault = elements(xml, 'Fault')[0];
  if (fault === undefined) return undefined;
  return new SoapFaultError(textOf(fault, 'faultcode') ?? 'soapenv:Server', textOf(fault, 'faultstring') ?? '');
}

/** A failed call's error carries the fault XML as its message (jsforce) or body (HttpOrgApi). */
export function faultOf(error: unknown): SoapFaultError | undefined {
  const { message, data } = (error ?? {}) as { message?: unknown; data?: unknown };
  for (const candidate of [message, data]) {
    if (typeof candidate === 'string' && candidate.includes('Fault>')) return parseFault(candidate);
  }
  return undefined;
}

/** Contents of every element with this local name (self-closing ones answer ''); not for nested same-name elements. */
export function elements(xml: string, name: string): string[] {
  const pattern = new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>)`, 'g');
  return [...xml.matchAll(pattern)].map((m) => m[1] ?? '');
}

export function textOf(xml: string, name: string): string | undefined {
  const found = elements(xml, name)[0];
  return found === undefined ? undefined : decodeXml(found.trim());
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function decodeXml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return named[ref] ?? whole;
  });
}
