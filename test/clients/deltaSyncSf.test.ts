import { describeDeltaSync } from '../support/deltaScenario.js';
import { linkedPluginClient } from './linkedPlugin.js';

/**
 * Issue 21's acceptance as a user runs it, through the real sf CLI with the plugin linked:
 * `sf isync execute --sync-type delta --include-deleted`, scan, the last sync dates and rollback
 * (support/deltaScenario.ts; its recycle-bin and failure paths run through bin/run.js).
 */
describeDeltaSync('clients: delta sync with deletions through sf (plugin linked)', linkedPluginClient, { short: true });
