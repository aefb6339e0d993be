/**
 * Datasets an emulated org can start with. `empty` adds nothing: what every org has (its running user and
 * profiles, the Standard Price Book, RecordType and EntityDefinition rows, the Organization row) is the
 * org's own doing.
 */
import { seedBench } from './bench.js';
import { seedDemo, seedDemoUsers } from './demo.js';
import { addDemoAutomation, seedDemoLegacyRecords } from './demoAutomation.js';
import type { AutomationName, DatasetName, DatasetOptions, SeedTarget } from './types.js';

export type { AutomationName, DatasetName, DatasetOptions, SeedTarget } from './types.js';

export const DATASET_NAMES: readonly DatasetName[] = ['empty', 'users', 'demo', 'bench'];
export const AUTOMATION_NAMES: readonly AutomationName[] = ['demo', 'none'];

/** The automation an org of a dataset gets unless told: the demo's for the demo dataset, none for the others. */
export const defaultAutomation = (dataset: DatasetName): AutomationName => (dataset === 'demo' ? 'demo' : 'none');

/**
 * Installs a set of automation items on a seeded org (after its data: seeded records are history that
 * predates the rules). `demo`: the demo's items (demoAutomation.ts) and its legacy records side door, on any
 * dataset.
 */
export function installAutomation(name: AutomationName, target: SeedTarget): void {
  if (name === 'none' || !target.automation) return;
  addDemoAutomation(target.automation);
  target.automation.legacyRecords = seedDemoLegacyRecords;
}

export function seedDataset(name: DatasetName, target: SeedTarget, options: DatasetOptions): void {
  switch (name) {
    case 'empty':
      return;
    case 'users':
      return seedDemoUsers(target, options);
    case 'demo':
      return seedDemo(target, options);
    case 'bench':
      return seedBench(target, options);
  }
}
