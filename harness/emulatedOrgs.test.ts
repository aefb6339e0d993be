import { expect } from 'chai';
import { startOrgPairInWorkers } from './emulatedOrgs.js';

describe('emulated org pairs on threads of their own (test support)', () => {
  it('refuses a pair whose threads gave both orgs the same pod (their ids and tokens would collide)', async () => {
    const same = { dataset: 'empty', username: 'twin@isync.test', seed: 3 } as const;
    const failure = await startOrgPairInWorkers(same, same).then(
      () => undefined,
      (error: unknown) => error as Error
    );
    expect(failure?.message).to.match(/both orgs got pod/);
  });
});
