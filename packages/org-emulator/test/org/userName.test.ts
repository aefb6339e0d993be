import { expect } from 'chai';
import { startOrg } from '../../src/index.js';
import { queryOrg } from '../restQuery.js';

describe('emulator User rows', () => {
  it('fill the compound Name from FirstName and LastName, as Salesforce does (SFDMU matches owners by it)', async () => {
    const org = await startOrg({ dataset: 'demo', username: 'admin@user-name.isync.test' });
    try {
      const users = await queryOrg(org, 'SELECT Name, FirstName, LastName FROM User');
      expect(users.length).to.be.greaterThan(1);
      for (const user of users) expect(user.Name).to.equal([user.FirstName, user.LastName].filter(Boolean).join(' '));
    } finally {
      await org.stop();
    }
  });
});
