import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { expect } from 'chai';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import Order from '../../../src/commands/isync/order.js';

describe('isync order (org wiring)', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    $$.stubAliases({ src: testOrg.username });
    stubSfCommandUx($$.SANDBOX);
  });

  afterEach(() => {
    $$.restore();
  });

  it('loads the source org from an alias and returns its id', async () => {
    const result = await Order.run(['--source-org', 'src']);
    expect(result.sourceOrgId).to.equal(testOrg.orgId);
    expect(result.sourceUsername).to.equal(testOrg.username);
  });

  it('fails with an action when the alias is unknown', async () => {
    try {
      await Order.run(['--source-org', 'no-such-alias']);
      expect.fail('expected an error');
    } catch (error) {
      const err = error as Error & { actions?: string[]; exitCode?: number };
      expect(err.message).to.contain('No authenticated org found for "no-such-alias"');
      expect(err.actions?.join('\n')).to.contain('sf org list');
    }
  });

  it('requires --source-org (no silent default to the target org)', async () => {
    await $$.stubConfig({ 'target-org': testOrg.username });
    try {
      await Order.run([]);
      expect.fail('expected an error');
    } catch (error) {
      expect((error as Error).message).to.match(/Missing required flag/i);
    }
  });
});
