/**
 * The bad-input table: every way a user can hand sf isync something wrong, with the error it must answer.
 * `test/integration/badInput.test.ts` runs each case against emulated orgs and also checks that nothing was
 * written to any org.
 */

/** Runs prepared before the table, each in a state that some case needs. */
export type PreparedRuns = {
  scan: string;
  dryRun: string;
  /** An execute run, then rolled back. */
  rolledBack: string;
  /** Copies of `rolledBack`, edited as described. */
  otherTargetOrg: string;
  damagedEvents: string;
  damagedMeta: string;
  stillSyncing: string;
  // Journal files
  /** Copies of `rolledBack` whose run.json has an unknown state, or lacks its template, plan or objects. */
  unknownState: string;
  noTemplate: string;
  noPlan: string;
  noObjects: string;
  /** Copies of `rolledBack`, state synced, whose events.jsonl line 2 is `null`, or `{"type":"record"}`. */
  nullEvent: string;
  bareRecordEvent: string;
};

export type BadInputContext = {
  /** Writes a file into the scratch folder and returns its path. */
  file(name: string, content: string): string;
  runs: PreparedRuns;
  /** A journal folder with no run in it. */
  emptyJournalDir: string;
  /** A plain file, given where a folder is expected. */
  notAFolder: string;
  /** A journal folder whose id map of src -> tgt holds a damaged imported segment. */
  damagedIdMapDir: string;
  /** The org ids of src and tgt (the main pair), for id map files. */
  orgIds: { source: string; target: string };
};

type Texts = Array<string | RegExp> | ((ctx: BadInputContext) => Array<string | RegExp>);

export type BadInputCase = {
  name: string;
  /** `altered`: the org pair whose target has another schema (cycle, missing fields). Default: the main pair. */
  pair?: 'altered';
  argv: (ctx: BadInputContext) => string[];
  exit: number;
  /** The error's name in the --json output. */
  error: string;
  /** What the message must say: the problem, named precisely. */
  problem: Texts;
  /** What the message or its actions must say: the fix. */
  fix: Texts;
};

export function texts(expected: Texts, ctx: BadInputContext): Array<string | RegExp> {
  return typeof expected === 'function' ? expected(ctx) : expected;
}

const SYNC = ['isync', 'execute', '-s', 'src', '-o', 'tgt'];
const OBJECTS = [...SYNC, '--objects', 'Account'];

function template(ctx: BadInputContext, name: string, value: unknown): string {
  return ctx.file(`${name}.json`, JSON.stringify(value, null, 2));
}

/** The same command, for each of the three commands that read a run journal. */
function forRunCommands(
  name: string,
  run: (ctx: BadInputContext) => string,
  expected: Omit<BadInputCase, 'name' | 'argv'>,
  commands: Array<'report' | 'retry' | 'rollback'> = ['report', 'retry', 'rollback']
): BadInputCase[] {
  return commands.map((command) => ({ name: `${command}: ${name}`, argv: (ctx) => ['isync', command, '--run-id', run(ctx)], ...expected }));
}

const PARSE_ERROR = { exit: 2, error: 'Error' } as const;

export const BAD_INPUT_CASES: BadInputCase[] = [
  // Orgs
  {
    name: 'unknown source alias',
    argv: () => ['isync', 'execute', '-s', 'nope', '-o', 'tgt', '--objects', 'Account'],
    exit: 1,
    error: 'OrgNotFoundError',
    problem: ['--source-org', 'No authenticated org found for "nope"'],
    fix: ['sf org list', 'sf org login web --alias nope'],
  },
  {
    name: 'unknown target alias',
    argv: () => ['isync', 'execute', '-s', 'src', '-o', 'nope', '--objects', 'Account'],
    exit: 1,
    error: 'OrgNotFoundError',
    problem: ['--target-org', 'No authenticated org found for "nope"'],
    fix: ['sf org login web --alias nope'],
  },
  {
    name: 'order: unknown source alias',
    argv: () => ['isync', 'order', '-s', 'nope', '--objects', 'Account'],
    exit: 1,
    error: 'OrgNotFoundError',
    problem: ['No authenticated org found for "nope" (--source-org).'],
    fix: ['sf org list'],
  },
  {
    name: 'rollback: unknown target alias',
    argv: (ctx) => ['isync', 'rollback', '--run-id', ctx.runs.rolledBack, '-o', 'nope'],
    exit: 1,
    error: 'OrgNotFoundError',
    problem: ['No authenticated org found for "nope" (--target-org).'],
    fix: ['sf org login web --alias nope'],
  },
  {
    name: 'same org as source and target',
    argv: () => ['isync', 'execute', '-s', 'src', '-o', 'src', '--objects', 'Account'],
    exit: 1,
    error: 'SameOrgError',
    problem: ['same org', 'admin@source.isync.test'],
    fix: ['Pass a different org to --target-org'],
  },
  {
    name: 'production target without --confirm-production',
    argv: () => ['isync', 'execute', '-s', 'src', '-o', 'prod', '--objects', 'Account'],
    exit: 1,
    error: 'ProductionTargetError',
    problem: ['production'],
    fix: ['--confirm-production'],
  },
  {
    name: 'deletions (--include-deleted) into a production target without --confirm-production',
    argv: () => ['isync', 'execute', '-s', 'src', '-o', 'prod', '--objects', 'Account', '--sync-type', 'full', '--include-deleted'],
    exit: 1,
    error: 'ProductionTargetError',
    problem: ['production'],
    fix: ['--confirm-production'],
  },
  {
    name: 'automation switched off (--disable-automation) in a production target without --confirm-production',
    argv: () => ['isync', 'execute', '-s', 'src', '-o', 'prod', '--objects', 'Account', '--disable-automation', 'validation-rules'],
    exit: 1,
    error: 'ProductionTargetError',
    problem: ['production'],
    fix: ['--confirm-production'],
  },
  {
    name: 'compare --fix deploying to a production target without --confirm-production',
    argv: () => ['isync', 'compare', '-s', 'src', '-o', 'prod', '--objects', 'Account', '--fix'],
    exit: 1,
    error: 'ProductionTargetError',
    problem: ['production', 'compare --fix'],
    fix: ['--confirm-production', '--dry-run'],
  },
  {
    name: 'compare of an object the source does not have',
    argv: () => ['isync', 'compare', '-s', 'src', '-o', 'tgt', '--objects', 'Acount'],
    exit: 1,
    error: 'UnknownObjectsError',
    problem: ['Acount', 'did you mean Account?'],
    fix: ['API names'],
  },
  {
    name: '--disable-automation naming automation the target does not have',
    argv: () => ['isync', 'execute', '-s', 'src', '-o', 'tgt', '--objects', 'Account', '--disable-automation', 'validation-rules,Account.No_Such_Rule'],
    exit: 1,
    error: 'UnknownAutomationError',
    problem: ['No automation named Account.No_Such_Rule', 'validation-rules, flows, triggers'],
    fix: ['sf isync automation list --target-org'],
  },
  {
    name: '--disable-automation on --resume (the run switches what its journal says)',
    argv: () => ['isync', 'execute', '--resume', '--disable-automation', 'flows'],
    exit: 2,
    error: 'SyncTypeWithResumeError',
    problem: ['--disable-automation cannot be changed on --resume'],
    fix: ['Drop --disable-automation'],
  },
  {
    name: '--since that is not a date',
    argv: () => ['isync', 'execute', '-s', 'src', '-o', 'tgt', '--objects', 'Account', '--since', 'last-week'],
    exit: 2,
    error: 'SinceNotADateError',
    problem: ['last-week is not a date'],
    fix: ['--since 2026-12-01'],
  },
  {
    name: '--since before the source org was created',
    argv: () => ['isync', 'execute', '-s', 'src', '-o', 'tgt', '--objects', 'Account', '--since', '2001-01-01'],
    exit: 1,
    error: 'SinceBeforeOrgError',
    problem: ['before the source org'],
    fix: ['--sync-type full'],
  },
  {
    name: '--resume with a sync type flag',
    argv: () => ['isync', 'execute', '--resume', '--since', 'last'],
    exit: 2,
    error: 'SyncTypeWithResumeError',
    problem: ['cannot be changed on --resume'],
    fix: ['Drop --since'],
  },

  // Flags
  {
    name: 'missing --source-org',
    argv: () => ['isync', 'execute', '-o', 'tgt', '--objects', 'Account'],
    exit: 2,
    error: 'MissingFlagError',
    problem: ['Missing required flag --source-org'],
    fix: ['Pass --source-org (an org alias or username)'],
  },
  {
    name: 'missing --target-org',
    argv: () => ['isync', 'execute', '-s', 'src', '--objects', 'Account'],
    exit: 2,
    error: 'MissingFlagError',
    problem: ['Missing required flag --target-org'],
    fix: ['Pass --target-org'],
  },
  {
    name: 'scan: missing --target-org',
    argv: () => ['isync', 'scan', '-s', 'src', '--objects', 'Account'],
    ...PARSE_ERROR,
    problem: ['Missing required flag target-org'],
    fix: ['--help'],
  },
  {
    name: 'order: missing --source-org',
    argv: () => ['isync', 'order', '--objects', 'Account'],
    ...PARSE_ERROR,
    problem: ['Missing required flag source-org'],
    fix: ['--help'],
  },
  {
    name: '--run-id without --resume',
    argv: () => [...OBJECTS, '--run-id', '20250101T000000Z-abcdef'],
    exit: 2,
    error: 'RunIdNeedsResumeError',
    problem: ['--run-id 20250101T000000Z-abcdef only makes sense with --resume.'],
    fix: ['Add --resume'],
  },
  {
    name: 'execute --resume when the newest sync ended (nothing was interrupted after it)',
    argv: () => ['isync', 'execute', '--resume'],
    exit: 1,
    error: 'NothingToResumeError',
    problem: (ctx) => [`Nothing to resume: the newest sync, run ${ctx.runs.rolledBack}, ended rolled_back`],
    fix: ['run the same `sf isync execute` command again', 'sf isync execute --resume --run-id <id>'],
  },
  {
    name: 'execute --resume in a journal folder without runs',
    argv: (ctx) => ['isync', 'execute', '--resume', '--journal-dir', ctx.emptyJournalDir],
    exit: 1,
    error: 'NoRunsError',
    problem: (ctx) => [`No runs in ${ctx.emptyJournalDir}`],
    fix: ['Run `sf isync execute` first'],
  },
  {
    name: 'both --template and --objects',
    argv: () => [...OBJECTS, '-t', 'examples/demo-template.json'],
    ...PARSE_ERROR,
    problem: ['--objects cannot also be provided when using --template'],
    fix: ['--help'],
  },
  {
    name: 'neither --template nor --objects',
    argv: () => SYNC,
    ...PARSE_ERROR,
    problem: [/Exactly one of the following must be provided: --objects, (.+, )?--template/],
    fix: ['--help'],
  },
  {
    name: 'empty object name in --objects',
    argv: () => [...SYNC, '--objects', 'Account', '--objects', 'Account,,Contact'],
    exit: 2,
    error: 'EmptyObjectNameError',
    problem: ['--objects "Account,,Contact" has an empty object name.'],
    fix: ['Remove the extra comma', '--objects Account --objects Contact'],
  },
  {
    name: '--continue-on-error with --stop-on-error',
    argv: () => [...OBJECTS, '--continue-on-error', '--stop-on-error'],
    ...PARSE_ERROR,
    problem: ['--continue-on-error=true cannot also be provided when using --stop-on-error'],
    fix: ['--help'],
  },
  {
    name: '--concurrency 0',
    argv: () => [...OBJECTS, '--concurrency', '0'],
    ...PARSE_ERROR,
    problem: ['--concurrency', 'received: 0'],
    fix: ['greater than or equal to 1'],
  },
  {
    name: '--concurrency 26',
    argv: () => [...OBJECTS, '--concurrency', '26'],
    ...PARSE_ERROR,
    problem: ['--concurrency', 'received: 26'],
    fix: ['less than or equal to 25'],
  },
  {
    name: '--api-budget 0',
    argv: () => [...OBJECTS, '--api-budget', '0'],
    ...PARSE_ERROR,
    problem: ['--api-budget', 'received: 0'],
    fix: ['greater than or equal to 1'],
  },
  {
    name: '--api-budget 101',
    argv: () => [...OBJECTS, '--api-budget', '101'],
    ...PARSE_ERROR,
    problem: ['--api-budget', 'received: 101'],
    fix: ['less than or equal to 100'],
  },
  {
    name: 'report: --run-id with --list',
    argv: () => ['isync', 'report', '--list', '--run-id', '20250101T000000Z-abcdef'],
    ...PARSE_ERROR,
    problem: ['--list', '--run-id'],
    fix: ['cannot also be provided'],
  },
  {
    name: 'retry: --concurrency 0',
    argv: (ctx) => ['isync', 'retry', '--run-id', ctx.runs.rolledBack, '--concurrency', '0'],
    ...PARSE_ERROR,
    problem: ['--concurrency', 'received: 0'],
    fix: ['greater than or equal to 1'],
  },
  {
    name: '--journal-dir pointing to a file (execute)',
    argv: (ctx) => [...OBJECTS, '--journal-dir', ctx.notAFolder],
    exit: 1,
    error: 'JournalDirNotFolderError',
    problem: (ctx) => [`The journal folder ${ctx.notAFolder} is a file, not a folder.`],
    fix: ['Pass --journal-dir a folder'],
  },
  {
    name: '--journal-dir pointing to a file (runs)',
    argv: (ctx) => ['isync', 'runs', '--journal-dir', ctx.notAFolder],
    exit: 1,
    error: 'JournalDirNotFolderError',
    problem: ['is a file, not a folder'],
    fix: ['SF_ISYNC_JOURNAL_DIR'],
  },

  // Template files
  {
    // oclif's own check of `Flags.file({ exists: true })` answers before the template reader can.
    name: 'execute: template file not found',
    argv: (ctx) => [...SYNC, '-t', `${ctx.emptyJournalDir}/missing.json`],
    exit: 1,
    error: 'TemplateNotFoundError',
    problem: (ctx) => [`Template file not found: ${ctx.emptyJournalDir}/missing.json`],
    fix: ['--objects Account --objects Contact --write'],
  },
  {
    name: 'order: template file not found',
    argv: (ctx) => ['isync', 'order', '-s', 'src', '-t', `${ctx.emptyJournalDir}/missing.json`],
    exit: 1,
    error: 'TemplateNotFoundError',
    problem: (ctx) => [`Template file not found: ${ctx.emptyJournalDir}/missing.json`],
    fix: ['--objects Account --objects Contact --write'],
  },
  {
    name: 'execute: template that is a folder',
    argv: (ctx) => [...SYNC, '-t', ctx.emptyJournalDir],
    exit: 1,
    error: 'TemplateIsFolderError',
    problem: (ctx) => [`The template ${ctx.emptyJournalDir} is a folder, not a file.`],
    fix: (ctx) => [`Pass --template the path of a template file (JSON), for example ${ctx.emptyJournalDir}/isync.json`],
  },
  {
    name: 'order: --write a folder',
    argv: (ctx) => ['isync', 'order', '-s', 'src', '--objects', 'Account', '--write', ctx.emptyJournalDir],
    exit: 1,
    error: 'WriteIsFolderError',
    problem: (ctx) => [`--write ${ctx.emptyJournalDir} is a folder`],
    fix: (ctx) => [`--write ${ctx.emptyJournalDir}/isync.json`],
  },
  {
    name: 'order: --write into a folder that does not exist',
    argv: (ctx) => ['isync', 'order', '-s', 'src', '--objects', 'Account', '--write', `${ctx.emptyJournalDir}/missing/t.json`],
    exit: 1,
    error: 'WriteFolderMissingError',
    problem: (ctx) => [`The folder ${ctx.emptyJournalDir}/missing, where --write ${ctx.emptyJournalDir}/missing/t.json would be written, does not exist.`],
    fix: (ctx) => [`mkdir -p ${ctx.emptyJournalDir}/missing`],
  },
  {
    name: 'template that is not JSON (trailing comma): line and column',
    argv: (ctx) => [...SYNC, '-t', ctx.file('trailing-comma.json', '{\n  "objects": [\n    { "name": "Account" },\n  ]\n}\n')],
    exit: 1,
    error: 'TemplateNotJsonError',
    problem: ["is not valid JSON: Unexpected token ']' (line 4, column 3)."],
    fix: ['trailing comma'],
  },
  {
    name: 'template that is not JSON (missing comma)',
    argv: (ctx) => [...SYNC, '-t', ctx.file('missing-comma.json', '{\n  "objects": [\n    { "name": "Account" }\n    { "name": "Contact" }\n  ]\n}\n')],
    exit: 1,
    error: 'TemplateNotJsonError',
    problem: ["Expected ',' or ']' after array element (line 4, column 5)."],
    fix: ['Fix the JSON at that line and column'],
  },
  {
    name: 'template JSON of the wrong shape: objects not an array, unknown property',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'wrong-shape', { objects: { name: 'Account' }, option: {} })],
    exit: 1,
    error: 'TemplateSchemaInvalidError',
    problem: ['does not have the shape of a sync template (2 problem(s))', 'objects: must be array', 'unknown property "option". Did you mean "options"?'],
    fix: ['schemas/isync-template.schema.json'],
  },

  // Template contents, checked against the orgs
  {
    name: 'unknown object, with a did-you-mean',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'unknown-object', { objects: [{ name: 'Acount' }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['"Acount" is not an object of the source org. Did you mean "Account"?'],
    fix: ["use the object's API name"],
  },
  {
    name: 'unknown object in --objects',
    argv: () => [...SYNC, '--objects', 'Account,Contcat'],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['(--objects)', '"Contcat" is not an object of the source org. Did you mean "Contact"?'],
    fix: ['sf sobject list'],
  },
  {
    name: 'unknown field, with a did-you-mean',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'unknown-field', { objects: [{ name: 'Account', fields: ['Name', 'Industy'] }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['Account › fields: "Industy" is not a field of Account in the source org. Did you mean "Industry"?'],
    fix: ['sf sobject describe --sobject Account'],
  },
  {
    name: 'transformations: unknown target field, expression that does not parse, unknown mask kind, masked key without the secret',
    argv: (ctx) => [
      ...SYNC,
      '-t',
      template(ctx, 'bad-transformations', {
        objects: [
          {
            name: 'Account',
            matchBy: 'Name',
            fieldMap: { AccountNumber: 'Acount_Code__c' },
            compute: { Description: "Name & ' (" },
            mask: { Name: 'company', Phone: 'phnoe' },
          },
        ],
      }),
    ],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: [
      'Account › fieldMap: "Acount_Code__c" is not a field of Account in the target org.',
      'Account › compute: the expression of Account.Description: Syntax error',
      'Account › mask: the mask of Account.Phone: unknown mask kind "phnoe"',
      "Account › mask: Account.Name is masked and is part of the object's match key, but no masking secret is set",
    ],
    fix: ['sf config set isync-mask-secret=... --global', 'use a mask kind: email'],
  },
  {
    name: 'a "target" object the target org does not have, with a did-you-mean',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'unknown-target-object', { objects: [{ name: 'Account', target: 'Contacts', matchBy: 'Name' }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['Account › target: "Contacts" is not an object of the target org. Did you mean "Contact"?'],
    fix: ["use the object's API name"],
  },
  {
    name: 'unknown field in excludeFields',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'unknown-exclude', { objects: [{ name: 'Account', excludeFields: ['Descripton'] }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['Account › excludeFields: "Descripton" is not a field of Account', 'Did you mean "Description"?'],
    fix: ["use the field's API name"],
  },
  {
    name: 'field that is not in the target',
    pair: 'altered',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'field-not-in-target', { objects: [{ name: 'Account', fields: ['Name', 'Rating'] }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['Account.Rating exists in the source org but not in the target org.'],
    fix: ['create the field in the target org', 'remove it from "fields"'],
  },
  {
    name: 'listed field that cannot be written',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'not-writable', { objects: [{ name: 'Account', fields: ['Name', 'CreatedDate'] }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['Account.CreatedDate cannot be written'],
    fix: ['remove it from "fields"'],
  },
  {
    name: 'match key that is not unique',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'key-not-unique', { objects: [{ name: 'Account', matchBy: 'Industry' }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['Account.Industry is not unique in the target org'],
    fix: ['use an external id or unique field, a composite key'],
  },
  {
    name: 'match key missing in the target',
    pair: 'altered',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'key-missing', { objects: [{ name: 'Supplier__c', matchBy: 'External_Id__c' }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['Supplier__c.External_Id__c exists in the source org but not in the target org, so the target cannot be searched by it.'],
    fix: ['"External_Id__c=TargetField"'],
  },
  {
    name: 'default match key missing in the target',
    pair: 'altered',
    argv: () => [...SYNC, '--objects', 'Supplier__c'],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: [
      "Supplier__c would match records by External_Id__c, the source's first external id field, but the target org has no filterable field External_Id__c.",
    ],
    fix: ['add "matchBy" to Supplier__c'],
  },
  {
    name: 'malformed where',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'malformed-where', { objects: [{ name: 'Account', where: 'Name = = 1' }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['objects[0] (Account).where: "Name = = 1" is not valid SOQL for Account in the source org', 'MALFORMED_QUERY'],
    fix: ['sf data query --query "SELECT COUNT() FROM Account WHERE (Name = = 1)"'],
  },
  {
    // Valid at the end of a bare WHERE, refused inside the parentheses the sync sends the clause in.
    name: 'where with a LIMIT',
    argv: (ctx) => [
      ...SYNC,
      '-t',
      template(ctx, 'where-limit', { objects: [{ name: 'Account' }, { name: 'Contact' }, { name: 'Opportunity', where: 'Name != null LIMIT 1' }] }),
    ],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['has 1 problem(s)', 'objects[2] (Opportunity).where: "Name != null LIMIT 1" holds LIMIT', 'WHERE (Name != null LIMIT 1)'],
    fix: ['write it as "where": "Name != null", "limit": 1 on this object'],
  },
  {
    name: 'where with an ORDER BY',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'where-order-by', { objects: [{ name: 'Account', where: 'Industry != null ORDER BY Name' }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['objects[0] (Account).where: "Industry != null ORDER BY Name" holds ORDER BY'],
    fix: ['write it as "where": "Industry != null", "orderBy": "Name" on this object'],
  },
  {
    name: 'orderBy with a LIMIT',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'order-by-limit', { objects: [{ name: 'Account' }, { name: 'Contact', orderBy: 'LastName LIMIT 5' }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['objects[1] (Contact).orderBy: "LastName LIMIT 5" holds LIMIT'],
    fix: ['write it as "orderBy": "LastName", "limit": 5 on this object'],
  },
  {
    name: 'unknown field in where',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'where-field', { objects: [{ name: 'Account', where: "Nmae = 'x'" }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ["No such column 'Nmae' on entity 'Account'", 'INVALID_FIELD'],
    fix: ['fix the clause'],
  },
  {
    name: 'bad orderBy',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'bad-order-by', { objects: [{ name: 'Account', orderBy: 'Name SIDEWAYS' }] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['objects[0] (Account).orderBy: "Name SIDEWAYS" is not valid SOQL', "unexpected token: 'SIDEWAYS'"],
    fix: ['ORDER BY Name SIDEWAYS LIMIT 1'],
  },
  {
    name: 'manual order contradicting a required lookup',
    argv: (ctx) => [
      ...SYNC,
      '-t',
      template(ctx, 'bad-order', { objects: [{ name: 'Shipment__c' }, { name: 'Supplier__c' }], order: ['Shipment__c', 'Supplier__c'] }),
    ],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['"order" loads Shipment__c before Supplier__c, but Shipment__c.Supplier__c is a required lookup'],
    fix: ['move Supplier__c before Shipment__c in "order"'],
  },
  {
    name: 'order that leaves an object out',
    argv: (ctx) => [...SYNC, '-t', template(ctx, 'short-order', { objects: [{ name: 'Account' }, { name: 'Contact' }], order: ['Account'] })],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: ['"order" does not list Contact.'],
    fix: ['add Contact to "order"'],
  },
  {
    name: 'cycle of required lookups',
    pair: 'altered',
    argv: () => [...SYNC, '--objects', 'Team__c,Team_Member__c'],
    exit: 1,
    error: 'TemplateInvalidError',
    problem: [
      'Team__c, Team_Member__c form a cycle of lookups that cannot be filled by a later update',
      'Team__c.Captain__c → Team_Member__c (a required lookup)',
    ],
    fix: ['make one of these lookups optional'],
  },

  // Runs and their journals
  ...forRunCommands('--run-id unknown', () => '20250101T000000Z-abcdef', {
    exit: 1,
    error: 'RunNotFoundError',
    problem: ['No run 20250101T000000Z-abcdef in'],
    fix: ['sf isync runs', '--journal-dir'],
  }),
  {
    name: 'report: no runs at all',
    argv: (ctx) => ['isync', 'report', '--journal-dir', ctx.emptyJournalDir],
    exit: 1,
    error: 'NoRunsError',
    problem: (ctx) => [`No runs in ${ctx.emptyJournalDir}.`],
    fix: ['Run `sf isync execute` first'],
  },
  {
    name: 'rollback: no runs at all',
    argv: (ctx) => ['isync', 'rollback', '--journal-dir', ctx.emptyJournalDir],
    exit: 1,
    error: 'NoRunsError',
    problem: ['No runs in'],
    fix: ['--journal-dir'],
  },
  {
    name: 'retry of a scan run',
    argv: (ctx) => ['isync', 'retry', '--run-id', ctx.runs.scan],
    exit: 1,
    error: 'NothingWrittenError',
    problem: (ctx) => [`Run ${ctx.runs.scan} was a scan or a dry run: it wrote nothing`],
    fix: ['sf isync execute'],
  },
  {
    name: 'rollback of a dry run',
    argv: (ctx) => ['isync', 'rollback', '--run-id', ctx.runs.dryRun],
    exit: 1,
    error: 'NothingWrittenError',
    problem: ['was a scan or a dry run', 'nothing to roll back'],
    fix: ['pick a run of `sf isync execute`'],
  },
  {
    name: 'rollback of a run already rolled back',
    argv: (ctx) => ['isync', 'rollback', '--run-id', ctx.runs.rolledBack],
    exit: 1,
    error: 'AlreadyRolledBackError',
    problem: (ctx) => [`Run ${ctx.runs.rolledBack} is already rolled back.`],
    fix: (ctx) => [`sf isync report --run-id ${ctx.runs.rolledBack}`],
  },
  {
    name: 'retry of a run already rolled back',
    argv: (ctx) => ['isync', 'retry', '--run-id', ctx.runs.rolledBack],
    exit: 1,
    error: 'NotRetryableError',
    problem: ['cannot be retried in state rolled_back'],
    fix: ['run `sf isync execute` again instead'],
  },
  {
    name: 'rollback of a run still syncing',
    argv: (ctx) => ['isync', 'rollback', '--run-id', ctx.runs.stillSyncing],
    exit: 1,
    error: 'NotSettledError',
    problem: ['is syncing: it cannot be rolled back before it ends'],
    fix: (ctx) => [`sf isync execute --resume --run-id ${ctx.runs.stillSyncing}`],
  },
  {
    name: 'retry of a run still syncing',
    argv: (ctx) => ['isync', 'retry', '--run-id', ctx.runs.stillSyncing],
    exit: 1,
    error: 'InterruptedError',
    problem: ['is still in state syncing'],
    fix: (ctx) => [`sf isync execute --resume --run-id ${ctx.runs.stillSyncing}`],
  },
  {
    name: 'rollback with --target-org another org than the run target',
    argv: (ctx) => ['isync', 'rollback', '--run-id', ctx.runs.rolledBack, '-o', 'src'],
    exit: 1,
    error: 'WrongTargetOrgError',
    problem: ['The org admin@source.isync.test', 'is not the target of run'],
    fix: ['--target-org admin@target.isync.test'],
  },
  {
    name: 'rollback of a run that belongs to another target org',
    argv: (ctx) => ['isync', 'rollback', '--run-id', ctx.runs.otherTargetOrg],
    exit: 1,
    error: 'WrongTargetOrgError',
    problem: ['is not the target of run', '00D000000000999'],
    fix: ["Pass the run's target org"],
  },
  {
    name: 'retry of a run that belongs to another target org',
    argv: (ctx) => ['isync', 'retry', '--run-id', ctx.runs.otherTargetOrg],
    exit: 1,
    error: 'WrongOrgError',
    problem: ['The target org admin@target.isync.test', 'is not the org of run', '00D000000000999'],
    fix: ["Log in to the run's org again"],
  },
  ...forRunCommands('events.jsonl damaged in the middle', (ctx) => ctx.runs.damagedEvents, {
    exit: 1,
    error: 'CorruptJournalError',
    problem: ['events.jsonl is damaged at line 3', 'not the last line'],
    fix: ['Restore the file from a backup', 'delete line 3 of'],
  }),
  ...forRunCommands('run.json that is not JSON', (ctx) => ctx.runs.damagedMeta, {
    exit: 1,
    error: 'RunMetaDamagedError',
    problem: ['run.json, is damaged:', 'JSON'],
    fix: ['from a backup', 'delete its folder'],
  }),

  // Journal files
  ...forRunCommands(
    'run.json with an unknown state',
    (ctx) => ctx.runs.unknownState,
    metaDamaged(['state: "bogus" is not one of planning, scanning, scanned'])
  ),
  {
    name: 'execute --resume: run.json with an unknown state',
    argv: (ctx) => ['isync', 'execute', '--resume', '--run-id', ctx.runs.unknownState],
    ...metaDamaged(['state: "bogus" is not one of planning, scanning, scanned']),
  },
  ...forRunCommands(
    'run.json without its template',
    (ctx) => ctx.runs.noTemplate,
    metaDamaged(['template is missing (it must be an object with "objects" and "options")']),
    ['report', 'retry']
  ),
  ...forRunCommands('run.json without its plan', (ctx) => ctx.runs.noPlan, metaDamaged(['plan is missing (it must be an object with "steps")']), [
    'report',
    'retry',
  ]),
  ...forRunCommands('run.json without its objects', (ctx) => ctx.runs.noObjects, metaDamaged(['objects is missing (it must be a list of object summaries)']), [
    'report',
    'retry',
  ]),
  ...forRunCommands('events.jsonl line that is null', (ctx) => ctx.runs.nullEvent, eventDamaged(['null is not an event (an object with a "type")']), [
    'report',
    'retry',
  ]),
  {
    name: 'report --errors-dir: events.jsonl line that is null',
    argv: (ctx) => ['isync', 'report', '--run-id', ctx.runs.nullEvent, '--errors-dir', `${ctx.emptyJournalDir}-errors`],
    ...eventDamaged(['null is not an event (an object with a "type")']),
  },
  {
    name: 'rollback --dry-run: events.jsonl line that is null',
    argv: (ctx) => ['isync', 'rollback', '--dry-run', '--run-id', ctx.runs.nullEvent],
    ...eventDamaged(['null is not an event (an object with a "type")']),
  },
  ...forRunCommands(
    'events.jsonl record event without its fields',
    (ctx) => ctx.runs.bareRecordEvent,
    eventDamaged(['a "record" event needs "batch" (a string)']),
    ['report']
  ),
  {
    name: 'rollback --dry-run: events.jsonl record event without its fields',
    argv: (ctx) => ['isync', 'rollback', '--dry-run', '--run-id', ctx.runs.bareRecordEvent],
    ...eventDamaged(['a "record" event needs "batch" (a string)']),
  },

  // Id maps (history matching)
  {
    name: 'execute of an object matched by history, with a damaged journal of an earlier run between the orgs',
    argv: () => [...SYNC, '--objects', 'Case'],
    exit: 1,
    error: 'HistoryJournalDamagedError',
    problem: (ctx) => ['id map of earlier runs between these two orgs', `journal of run ${ctx.runs.damagedEvents} cannot be read`, 'damaged at line 3'],
    fix: (ctx) => ['Restore the file from a backup', `Or move the run's folder`, ctx.runs.damagedEvents, 'inserted again'],
  },
  {
    name: 'execute with a damaged imported id map segment',
    argv: (ctx) => [...OBJECTS, '--journal-dir', ctx.damagedIdMapDir],
    exit: 1,
    error: 'HistoryMapCorruptError',
    problem: ['-import.map is damaged at line 1: the first line is not a JSON header'],
    fix: ['delete', 'sf isync idmap import'],
  },
  {
    name: 'idmap import: a file of other orgs',
    argv: (ctx) => importIdMap(ctx, 'foreign-idmap.csv', { source: '00D000000000777', target: '00D000000000888' }, 1),
    exit: 1,
    error: 'HistoryMapForeignError',
    problem: (ctx) => [
      'maps org 00D000000000777 to org 00D000000000888',
      `not ${ctx.orgIds.source.slice(0, 15)} to ${ctx.orgIds.target.slice(0, 15)}`,
      'nothing was imported',
    ],
    fix: ['Import it between the orgs it was exported from', 'sf org list'],
  },
  {
    name: 'idmap import: a file cut short',
    argv: (ctx) => importIdMap(ctx, 'short-idmap.csv', ctx.orgIds, 3),
    exit: 1,
    error: 'HistoryMapCorruptError',
    problem: ['counts 3 entries and the file has 1', 'cut short'],
    fix: ['Export the map again', 'nothing of'],
  },
  {
    name: 'idmap import: no such file',
    argv: (ctx) => ['isync', 'idmap', 'import', '-s', 'src', '-o', 'tgt', '-f', `${ctx.emptyJournalDir}/missing.csv`],
    exit: 1,
    error: 'IdMapFileNotFoundError',
    problem: ['No id map file at', 'missing.csv'],
    fix: ['Check the path given to --file'],
  },
];

// Id maps (declarations are hoisted: the table above uses them)
/** `sf isync idmap import` of a file naming `orgs` and counting `entries`, with one row. */
function importIdMap(ctx: BadInputContext, name: string, orgs: { source: string; target: string }, entries: number): string[] {
  const comment = `# sf-isync id map v1 source=${orgs.source.slice(0, 15)} target=${orgs.target.slice(0, 15)} entries=${entries}`;
  const file = ctx.file(name, `${comment}\nObject,SourceId,TargetId\nCase,500000000000001AAA,500000000000002AAA\n`);
  return ['isync', 'idmap', 'import', '-s', 'src', '-o', 'tgt', '-f', file];
}

// Journal files (declarations are hoisted: the table above uses them)
/** A run.json that parses but is not a run header: the field, and the way out. */
function metaDamaged(problem: string[]): Omit<BadInputCase, 'name' | 'argv'> {
  return { exit: 1, error: 'RunMetaDamagedError', problem: ['run.json, is damaged: ', ...problem], fix: ['from a backup', 'delete its folder'] };
}

/** An events.jsonl line that is JSON but not an event (prepared at line 2): the line, the field, the way out. */
function eventDamaged(problem: string[]): Omit<BadInputCase, 'name' | 'argv'> {
  return {
    exit: 1,
    error: 'CorruptJournalError',
    problem: ['events.jsonl is damaged at line 2: ', ...problem],
    fix: ['Restore the file from a backup', 'delete line 2 of'],
  };
}
