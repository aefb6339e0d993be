import { describeAutomationControl } from '../support/automationScenario.js';
import { linkedPluginClient } from './linkedPlugin.js';

/**
 * Issue 22's acceptance as a user runs it, through the real sf CLI with the plugin linked: `sf isync automation
 * list`, `sf isync execute --disable-automation`, a kill while automation is off, `sf isync automation restore`
 * and a resume (support/automationScenario.ts; its rollback path runs through bin/run.js).
 */
describeAutomationControl('clients: automation control through sf (plugin linked)', linkedPluginClient, { short: true });
