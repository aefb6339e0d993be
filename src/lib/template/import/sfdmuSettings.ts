/**
 * The settings of export.json that have no equivalent in a sync template, each with the reason the import
 * report gives. A setting neither imported nor listed here is reported as unknown: nothing in export.json is
 * dropped without a word.
 */

const ADDONS = 'SFDMU add-ons (JavaScript modules run at its events) have no equivalent in sf isync';
const CSV = 'sf isync syncs org to org and reads or writes no CSV data files (the run journal keeps what was written; `sf isync report --errors-dir` writes the failures as CSV)';
const API_CHOICE = 'sf isync chooses REST or Bulk API 2.0 per object by the number of records (options.bulkThreshold)';
const PARALLEL =
  'SFDMU runs this many jobs at once; sf isync bounds the requests in flight against each org for the whole run with options.concurrency (default 4, at most 25): set it if you need more';
const NEVER_PROMPTS = 'sf isync never prompts: failed records are journaled, listed by `sf isync report` and taken again by `sf isync retry`';

/** Root settings of export.json that are not imported, and why. */
export const SCRIPT_NOT_IMPORTED: Readonly<Record<string, string>> = {
  orgs: 'sf isync takes the orgs from --source-org and --target-org (sf CLI aliases or usernames); access tokens are never copied into a template',
  pollingIntervalMs: 'sf isync polls its Bulk API 2.0 jobs on its own schedule',
  pollingQueryTimeoutMs: 'sf isync polls its Bulk API 2.0 jobs on its own schedule',
  concurrencyMode: 'the serial or parallel mode of Bulk API 1.0 jobs; sf isync uses Bulk API 2.0, which has no such mode',
  bulkApiVersion: 'sf isync always uses Bulk API 2.0, from options.bulkThreshold records in an object',
  bulkApiV1BatchSize: 'the batch size of Bulk API 1.0; Bulk API 2.0 cuts its own batches',
  queryBulkApiThreshold: 'sf isync reads an object through a Bulk API 2.0 query job from options.bulkThreshold records',
  apiVersion: "sf isync uses the API version of the org's connection (the sf CLI's org-api-version config)",
  alwaysUseRestApiToUpdateRecords: API_CHOICE,
  promptOnMissingParentObjects:
    'sf isync never prompts: a lookup to a parent that the run does not bring is resolved in the target by the parent object\'s key, else the record fails with ISYNC_PARENT_NOT_SYNCED',
  promptOnIssuesInCSVFiles: NEVER_PROMPTS,
  promptOnUpdateError: NEVER_PROMPTS,
  validateCSVFilesOnly: CSV,
  importCSVFilesAsIs: CSV,
  excludeIdsFromCSVFiles: CSV,
  createTargetCSVFiles: CSV,
  forcePostProcessCsvIdFix: CSV,
  useSeparatedCSVFiles: CSV,
  csvFileDelimiter: CSV,
  csvReadFileDelimiter: CSV,
  csvWriteFileDelimiter: CSV,
  csvFileEncoding: CSV,
  csvInsertNulls: CSV,
  csvUseEuropeanDateFormat: CSV,
  csvWriteUpperCaseHeaders: CSV,
  csvUseUtf8Bom: CSV,
  csvAlwaysQuoted: CSV,
  simulationMode: 'a run option, not a template setting: `sf isync execute --dry-run` (or `sf isync scan`) writes nothing',
  allowFieldTruncation: "sf isync sends values as they are (only masked text is cut to the field's length): a value too long for its field fails that record",
  binaryDataCache: 'sf isync keeps no file cache and syncs no binary content',
  sourceRecordsCache: 'sf isync keeps no file cache of source records',
  parallelBinaryDownloads: 'sf isync syncs no binary content',
  parallelBulkJobs: PARALLEL,
  parallelRestJobs: PARALLEL,
  beforeAddons: ADDONS,
  afterAddons: ADDONS,
  dataRetrievedAddons: ADDONS,
  groupQuery: 'sf isync resolves lookups to groups and queues by DeveloperName in the target',
  proxyUrl: "sf isync connects through the sf CLI's connection, which takes the proxy from HTTPS_PROXY",
  fileLog: 'sf isync journals every run in .sf/isync/runs (`sf isync report` reads it)',
};

/** Object settings of export.json that are not imported, and why. */
export const OBJECT_NOT_IMPORTED: Readonly<Record<string, string>> = {
  deleteOldData:
    'sf isync never deletes target records before it loads: delete them first (for example with `sf data delete bulk`); `--include-deleted` deletes only the matches of source records deleted since the last sync',
  deleteQuery: 'sf isync never deletes target records before it loads',
  deleteFromSource: 'sf isync never deletes source records',
  deleteByHierarchy: 'sf isync never deletes records by hierarchy',
  hardDelete: 'sf isync never deletes records before it loads',
  respectOrderByOnDeleteRecords: 'sf isync never deletes records before it loads',
  excludedFromUpdateFields: 'sf isync writes the same fields on insert and on update: it has no field written on insert only',
  excudedFromUpdateFields: 'sf isync writes the same fields on insert and on update: it has no field written on insert only',
  useValuesMapping: 'ValueMapping.csv is not read: write its translations as "valueMap" on the object (source value -> target value per target field)',
  useCSVValuesMapping: 'ValueMapping.csv is not read: write its translations as "valueMap" on the object (source value -> target value per target field)',
  targetRecordsFilter: 'an expression SFDMU applies to the records in memory; write the condition in "where" if SOQL can say it on the source',
  sourceRecordsFilter: 'an expression SFDMU applies to the records in memory; write the condition in "where" if SOQL can say it',
  useQueryAll: 'sf isync reads only live source records (options.includeDeleted also deletes in the target the matches of deleted ones)',
  queryAllTarget: 'sf isync matches only live target records',
  targetFullQueryRecordsThreshold: 'sf isync decides by itself when it reads a small target whole',
  bulkApiV1BatchSize: 'the batch size of Bulk API 1.0; sf isync uses Bulk API 2.0, which cuts its own batches',
  restApiBatchSize: 'sf isync has one REST batch size for the run (options.batchSize), not one per object',
  parallelBulkJobs: PARALLEL,
  parallelRestJobs: PARALLEL,
  alwaysUseBulkApi: API_CHOICE,
  alwaysUseRestApi: API_CHOICE,
  alwaysUseBulkApiToUpdateRecords: API_CHOICE,
  useSourceCSVFile: CSV,
  mockCSVData: CSV,
  skipRecordsComparison: 'sf isync always compares a matched record with its source and writes only the fields that changed',
  polymorphicLookups: 'sf isync resolves a polymorphic lookup (WhatId, WhoId, OwnerId) to whichever template object or target record it points to',
  includedInClauseFields: "SFDMU's tuning of its target queries; sf isync builds its own",
  excludedFromInClauseFields: "SFDMU's tuning of its target queries; sf isync builds its own",
  beforeAddons: ADDONS,
  afterAddons: ADDONS,
  beforeUpdateAddons: ADDONS,
  afterUpdateAddons: ADDONS,
  filterRecordsAddons: ADDONS,
};

export const UNKNOWN_SETTING = 'not an export.json setting that sf isync knows (SFDMU 4.x and 5.x): check its spelling';
