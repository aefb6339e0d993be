import { describeDeltaSync } from '../support/deltaScenario.js';
import { loginWithCore } from '../../harness/emulatedOrgs.js';
import { runPlugin } from '../../harness/runPlugin.js';

describeDeltaSync('sync types: delta since the last sync, include deleted, rollback (bin/run.js)', () =>
  Promise.resolve({ login: loginWithCore, run: (argv, env) => runPlugin(argv, env) })
);
