import type { OrgApi } from '../../api/orgApi.js';
import type { AutomationItem } from '../automationTypes.js';
import { inList, isManaged, nested, text, toolingRows } from './setupQueries.js';

/**
 * The objects' validation rules (Tooling `ValidationRule`). `Active` is read here; the formula lives only in
 * `Metadata`, which a Tooling query may select for one row at most, so switching reads each rule on its own.
 */
export async function readValidationRules(api: OrgApi, objects: readonly string[]): Promise<AutomationItem[]> {
  const rows = await toolingRows(
    api,
    'SELECT Id, ValidationName, Active, ErrorMessage, NamespacePrefix, ManageableState, EntityDefinition.QualifiedApiName ' +
      `FROM ValidationRule WHERE EntityDefinition.QualifiedApiName IN ${inList(objects)}`
  );
  return rows.map((row) => {
    const object = String(nested(row, 'EntityDefinition.QualifiedApiName'));
    const namespace = text(row, 'NamespacePrefix');
    return {
      kind: 'validation-rules',
      object,
      name: `${object}.${namespace ? `${namespace}__` : ''}${String(row.ValidationName)}`,
      id: String(row.Id),
      active: row.Active === true,
      ...(namespace ? { namespace } : {}),
      switchable: isManaged(row) ? 'managed' : 'tooling',
      detail: text(row, 'ErrorMessage') ?? '',
    };
  });
}

type RuleWithMetadata = { Metadata?: Record<string, unknown> & { active?: boolean } };

/**
 * Switches a rule on or off: the Tooling API updates a rule through its whole `Metadata` (formula and message
 * are required members, and `Active` is not updatable), so the rule is read first and sent back with `active`
 * changed. Answers false when it already was as asked.
 */
export async function switchValidationRule(api: OrgApi, id: string, active: boolean): Promise<boolean> {
  const rule = await api.request<RuleWithMetadata>('GET', `/tooling/sobjects/ValidationRule/${id}`);
  if (!rule.Metadata) throw new Error(`The org answered validation rule ${id} without its Metadata.`);
  if (rule.Metadata.active === active) return false;
  await api.request('PATCH', `/tooling/sobjects/ValidationRule/${id}`, { Metadata: { ...rule.Metadata, active } });
  return true;
}
