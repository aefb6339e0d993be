/**
 * Opaque locators for paged responses (job lists, query results). Salesforce's are base64 of a row offset
 * (`MTAwMDA` = 10000), and the guide tells clients never to build them; so do ours.
 */
export function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

/** The offset a locator stands for; undefined when it is not one this emulator issued. */
export function decodeLocator(locator: string): number | undefined {
  const text = Buffer.from(locator, 'base64').toString();
  return /^\d+$/.test(text) && encodeLocator(Number(text)) === locator ? Number(text) : undefined;
}
