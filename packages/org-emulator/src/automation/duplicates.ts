/**
 * Duplicate rules: an active rule whose matching fields (all non-blank) equal an existing live record's,
 * case-insensitively, refuses the save with DUPLICATES_DETECTED (Block, or Allow with an alert unless the
 * client sent `Sforce-Duplicate-Rule-Header: allowSave=true`). The matched records travel with the error
 * for the single-record REST form (`duplicateResut`, Salesforce's own spelling), which only that endpoint
 * shows; collections, composite and Bulk report the plain error.
 */
import { textOf } from '../org/dmlErrors.js';
import type { DmlError } from '../org/dmlTypes.js';
import type { RecordStore } from '../org/recordStore.js';
import type { StoredRecord } from '../soql/types.js';
import type { DuplicateRuleItem } from './types.js';

/** What a DUPLICATES_DETECTED error knows beyond its code and message. */
export type DuplicateFinding = { rule: DuplicateRuleItem; allowSave: boolean; matchIds: string[] };

function normalized(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = textOf(value).trim().toLowerCase();
  return text === '' ? undefined : text;
}

/** Live records of the rule's object that match `record` on every matching field (itself excluded). */
export function findDuplicates(store: RecordStore, rule: DuplicateRuleItem, record: StoredRecord, selfId: string | undefined): string[] {
  const wanted = rule.matchFields.map((field) => normalized(record[field]));
  if (wanted.some((value) => value === undefined)) return [];
  const matches: string[] = [];
  for (const other of store.scan(rule.objectName, false)) {
    if (other.Id === selfId) continue;
    if (rule.matchFields.every((field, i) => normalized(other[field]) === wanted[i])) matches.push(other.Id);
  }
  return matches;
}

/**
 * The error: `{statusCode, message, fields: []}` as every API prints it, plus the finding as a
 * non-enumerable property, so that only the single-record REST endpoint (which asks for it) shows it and
 * every other serialization of DmlError stays Salesforce's per-record form.
 */
export function duplicatesDetected(finding: DuplicateFinding): DmlError {
  const error: DmlError = { statusCode: 'DUPLICATES_DETECTED', message: finding.rule.alertText, fields: [] };
  Object.defineProperty(error, 'duplicate', { value: finding, enumerable: false });
  return error;
}

export function duplicateFindingOf(error: DmlError): DuplicateFinding | undefined {
  return (error as DmlError & { duplicate?: DuplicateFinding }).duplicate;
}

/** The single-record REST error entry (reference §5, a captured v50 answer, key typo included). */
export function duplicateRestError(finding: DuplicateFinding, apiVersion: string): Record<string, unknown> {
  const { rule } = finding;
  return {
    duplicateResut: {
      allowSave: finding.allowSave,
      duplicateRule: rule.developerName,
      duplicateRuleEntityType: rule.objectName,
      errorMessage: rule.alertText,
      matchResults: [
        {
          entityType: rule.objectName,
          errors: [],
          matchEngine: 'ExactMatchEngine',
          matchRecords: finding.matchIds.map((id) => ({
            additionalInformation: [],
            fieldDiffs: [],
            matchConfidence: 100,
            record: { attributes: { type: rule.objectName, url: `/services/data/v${apiVersion}/sobjects/${rule.objectName}/${id}` }, Id: id },
          })),
          rule: rule.matchRuleName,
          size: finding.matchIds.length,
          success: true,
        },
      ],
    },
    errorCode: 'DUPLICATES_DETECTED',
    message: rule.alertText,
  };
}
