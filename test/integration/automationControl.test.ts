import { describeAutomationControl } from '../support/automationScenario.js';
import { loginWithCore } from '../../harness/emulatedOrgs.js';
import { runPlugin } from '../../harness/runPlugin.js';

describeAutomationControl('automation control: list, switch off for the run, restore (bin/run.js)', () =>
  Promise.resolve({ login: loginWithCore, run: (argv, env) => runPlugin(argv, env) })
);
