import { describeTransformations } from '../support/transformScenario.js';
import { loginWithCore } from '../../harness/emulatedOrgs.js';
import { runPlugin } from '../../harness/runPlugin.js';

describeTransformations('transformations: fieldMap, set, compute, valueMap and mask (bin/run.js)', () =>
  Promise.resolve({ login: loginWithCore, run: (argv, env) => runPlugin(argv, env) })
);
