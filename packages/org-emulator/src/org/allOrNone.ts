/**
 * All-or-none around any group of writes: if one record fails, undo every write since the savepoint and
 * report the records that had succeeded as ALL_OR_NONE_OPERATION_ROLLED_BACK (their ids withdrawn).
 */
import { dmlErrors } from './dmlErrors.js';
import type { SaveResult } from './dmlTypes.js';
import type { Journal } from './journal.js';

export function withAllOrNone<T extends SaveResult>(journal: Journal, allOrNone: boolean, run: () => T[]): T[] {
  const savepoint = journal.savepoint();
  let results: T[];
  try {
    results = run();
  } catch (e) {
    journal.rollback(savepoint);
    throw e;
  }
  if (allOrNone && results.some((r) => !r.success)) {
    journal.rollback(savepoint);
    return results.map((r) => (r.success ? { ...r, id: null, success: false, errors: [dmlErrors.rolledBack()] } : r));
  }
  journal.release();
  return results;
}
