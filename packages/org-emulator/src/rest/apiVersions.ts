/**
 * The API versions the emulator serves (`GET /services/data`), labelled as Salesforce labels them
 * (including the typographic apostrophe Salesforce really sends for Spring '18).
 */
export const OLDEST_VERSION = 31;
export const LATEST_VERSION = 64;

/** v31.0 is Summer '14; then Winter, Spring, Summer of the next year, and so on. */
function label(major: number): string {
  if (major === 42) return 'Spring ’18';
  const k = major - OLDEST_VERSION;
  const season = ['Summer', 'Winter', 'Spring'][k % 3];
  const year = 14 + Math.floor((k + 2) / 3);
  return `${season} '${year}`;
}

export type VersionEntry = { label: string; url: string; version: string };

export function apiVersions(): VersionEntry[] {
  const list: VersionEntry[] = [];
  for (let major = OLDEST_VERSION; major <= LATEST_VERSION; major++) {
    list.push({ label: label(major), url: `/services/data/v${major}.0`, version: `${major}.0` });
  }
  return list;
}

export function isServedVersion(version: string): boolean {
  const m = /^(\d+)\.0$/.exec(version);
  return m !== null && Number(m[1]) >= OLDEST_VERSION && Number(m[1]) <= LATEST_VERSION;
}
