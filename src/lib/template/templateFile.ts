/**
 * The sync template as written in the JSON file (see schemas/isync-template.schema.json). Values have the shape
 * the schema allows but are not yet checked against the orgs; `SyncTemplate` is the checked, normalised form.
 */

export type TemplateObjectSpec = {
  name: string;
  /** The target object, when the target names it differently (`Client__c` for the source's `Account`). */
  target?: string;
  where?: string;
  orderBy?: string;
  limit?: number;
  fields?: string[];
  excludeFields?: string[];
  /** `Field`, `Source=Target`, or a list of them (a composite key); `false`: insert-only, nothing is matched. */
  matchBy?: string | string[] | false;
  insert?: boolean;
  update?: boolean;
  /** Source field -> target field(s) of another name (see template/transformRules.ts). */
  fieldMap?: Record<string, string | string[]>;
  /** Target field -> constant. */
  set?: Record<string, string | number | boolean | null>;
  /** Target field -> expression in Salesforce formula syntax. */
  compute?: Record<string, string>;
  /** Target field -> source value -> target value (`"*"`: every other value). */
  valueMap?: Record<string, Record<string, string | null>>;
  /** Target field -> mask kind (`email`, `number:0-100`, `{ "kind": "number", ... }`). */
  mask?: Record<string, unknown>;
};

export type TemplateOptionsSpec = {
  continueOnError?: boolean;
  batchSize?: number;
  bulkThreshold?: number;
  concurrency?: number;
  objectByObject?: boolean;
  syncType?: 'full' | 'delta';
  includeDeleted?: boolean;
  disableAutomation?: string[];
};

export type TemplateFile = {
  $schema?: string;
  objects: TemplateObjectSpec[];
  order?: string[];
  options?: TemplateOptionsSpec;
};
