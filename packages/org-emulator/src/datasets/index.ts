/**
 * Datasets an emulated org can start with. `empty` adds nothing: what every org has (its running user and
 * profiles, the Standard Price Book, RecordType and EntityDefinition rows, the Organization row) is the
 * org's own doing.
 */
import { seedBench } from './bench.js';
import { seedDemo, seedDemoUsers } from './demo.js';
import type { DatasetName, DatasetOptions, SeedTarget } from './types.js';

export type { DatasetName, DatasetOptions, SeedTarget } from './types.js';

export const DATASET_NAMES: readonly DatasetName[] = ['empty', 'users', 'demo', 'bench'];

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
