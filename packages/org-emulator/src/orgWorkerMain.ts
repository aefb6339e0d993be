/** The thread of one emulated org (see orgInWorker.ts): starts it, reports where it listens, stops on 'stop'. */
import { parentPort, workerData } from 'node:worker_threads';
import { startOrg, type StartOrgOptions } from './index.js';
import type { OrgWorkerMessage } from './orgInWorker.js';

const port = parentPort!;
const post = (message: OrgWorkerMessage): void => port.postMessage(message);

try {
  const org = await startOrg(workerData as StartOrgOptions);
  port.on('message', (message) => {
    if (message === 'stop') void org.stop().then(() => post({ stopped: true }));
  });
  post({ ready: { instanceUrl: org.instanceUrl, accessToken: org.accessToken, username: org.username, orgId: org.orgId, userId: org.userId } });
} catch (error) {
  post({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
