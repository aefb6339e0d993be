import { describeHistoryMatching } from '../support/historyScenario.js';
import { loginWithCore } from '../../harness/emulatedOrgs.js';
import { runPlugin } from '../../harness/runPlugin.js';

describeHistoryMatching('history matching: objects without a natural key, run again and again (bin/run.js)', () =>
  Promise.resolve({ login: loginWithCore, run: (argv, env) => runPlugin(argv, env) })
);
