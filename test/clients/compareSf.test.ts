import { describeCompare } from '../support/compareScenario.js';
import { linkedPluginClient } from './linkedPlugin.js';

/** Issue 24's compare example through the real sf CLI with the plugin linked (support/compareScenario.ts). */
describeCompare('clients: compare and compare --fix through sf (plugin linked)', linkedPluginClient);
