/**
 * `Sforce-Duplicate-Rule-Header: allowSave=true; includeRecordDetails=true; runAsCurrentUser=true` (API 52+,
 * all false by default): with allowSave, duplicate rules that Allow with an alert let the save through.
 */
export function allowsDuplicateSave(headers: Record<string, string | undefined>): boolean {
  const header = headers['sforce-duplicate-rule-header'] ?? '';
  return /(?:^|[;,\s])allowSave\s*=\s*true\b/i.test(header);
}
