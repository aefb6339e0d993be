import { describeTransformations } from '../support/transformScenario.js';
import { linkedPluginClient } from './linkedPlugin.js';

/** Issue 23's example template through the real sf CLI with the plugin linked (support/transformScenario.ts). */
describeTransformations('clients: transformations and masking through sf (plugin linked)', linkedPluginClient);
