/**
 * An emulated org on a thread of its own (`startOrgInWorker`), for measurements: two real orgs are two
 * servers, and orgs in one event loop would slow each other down (a source answering queries delays the
 * target's writes). Reached only over HTTP, like a real org: the in-process state of `startOrg` stays in
 * its thread.
 */
import { Worker } from 'node:worker_threads';
import type { EmulatedOrg, StartOrgOptions } from './index.js';

/** What a client of the org needs: its address, who it is, and how to stop it. */
export type RemoteOrg = Pick<EmulatedOrg, 'instanceUrl' | 'accessToken' | 'username' | 'orgId' | 'userId' | 'stop'>;

/** Messages of orgWorkerMain.ts to its parent. */
export type OrgWorkerMessage = { ready: Omit<RemoteOrg, 'stop'> } | { failed: string } | { stopped: true };

/**
 * Starts the org in a worker thread and answers once it listens. The worker inherits this process's loader
 * flags (tsx), so the emulator runs from source as it does in process.
 */
export function startOrgInWorker(options: StartOrgOptions): Promise<RemoteOrg> {
  const worker = new Worker(new URL('./orgWorkerMain.ts', import.meta.url), { workerData: options });
  return new Promise((resolve, reject) => {
    const onExit = (code: number): void => reject(new Error(`emulated org worker exited with code ${code} before it listened`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (message: OrgWorkerMessage) => {
      worker.off('exit', onExit);
      if ('failed' in message) {
        void worker.terminate();
        reject(new Error(`emulated org worker failed to start: ${message.failed}`));
      } else if ('ready' in message) {
        resolve({ ...message.ready, stop: () => stopWorker(worker) });
      }
    });
  });
}

/** Asks the worker to close its server, then ends the thread. */
function stopWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    worker.once('message', () => void worker.terminate().then(() => resolve()));
    worker.once('exit', () => resolve());
    worker.postMessage('stop');
  });
}
