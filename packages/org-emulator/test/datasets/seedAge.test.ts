import { expect } from 'chai';
import { startOrg } from '../../src/index.js';

const DAY = 24 * 60 * 60 * 1000;

describe('emulator seeding with history (seedAgeDays)', () => {
  it('moves the audit stamps of everything seeded back by the given days, at boot and on reset with data', async () => {
    const bootedAt = Date.now();
    const org = await startOrg({ dataset: 'demo', seedAgeDays: 1 });
    try {
      const stampsOf = (): number[] =>
        org.org
          .records('Account')
          .flatMap((r) => [r.CreatedDate, r.LastModifiedDate, r.SystemModstamp].map((s) => Date.parse(String(s).replace('+0000', 'Z'))));
      const check = (): void => {
        const stamps = stampsOf();
        expect(stamps.length).to.be.greaterThan(0);
        for (const stamp of stamps) expect(stamp).to.be.within(bootedAt - DAY - 60_000, Date.now() - DAY);
      };
      check();
      // A write after seeding is stamped now: it is what a delta sync should pick up.
      const account = org.org.records('Account')[0];
      org.org.engine.update('Account', [{ Id: account.Id, Name: 'Renamed' }], { allOrNone: false });
      expect(Date.parse(String(org.org.get(account.Id)!.SystemModstamp).replace('+0000', 'Z'))).to.be.greaterThan(Date.now() - 60_000);
      await fetch(`${org.instanceUrl}/__emulator/reset?data=true`, { method: 'POST' });
      check();
    } finally {
      await org.stop();
    }
  });

  it("keeps today's stamps by default", async () => {
    const org = await startOrg({ dataset: 'users' });
    try {
      const user = org.org.records('User').at(-1)!;
      expect(Date.parse(String(user.CreatedDate).replace('+0000', 'Z'))).to.be.greaterThan(Date.now() - 60_000);
    } finally {
      await org.stop();
    }
  });
});
