import { describeCompare } from '../support/compareScenario.js';
import { loginWithCore } from '../../harness/emulatedOrgs.js';
import { runPlugin } from '../../harness/runPlugin.js';

describeCompare('sf isync compare and compare --fix (bin/run.js)', () => Promise.resolve({ login: loginWithCore, run: (argv, env) => runPlugin(argv, env) }));
