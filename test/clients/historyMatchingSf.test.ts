import { describeHistoryMatching } from '../support/historyScenario.js';
import { linkedPluginClient } from './linkedPlugin.js';

/**
 * Issue 20's acceptance as a user runs it, through the real sf CLI with the plugin linked:
 * `sf isync execute --objects Account,Contact,Opportunity,Case,Task` again and again (support/historyScenario.ts).
 */
describeHistoryMatching('clients: history matching through sf (plugin linked)', linkedPluginClient);
