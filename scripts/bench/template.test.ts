import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startOrg } from '@sf-isync/org-emulator';
import { defaultSchema } from '@sf-isync/org-emulator';
import { readBenchTemplate } from './template.js';

describe('bench: the bench template', () => {
  it('takes the bulk threshold from its options and lists the fields of every object', () => {
    const template = readBenchTemplate();
    expect(template.bulkThreshold).to.equal(10_000);
    for (const object of template.objects) expect(object.fields, object.name).to.not.be.empty;
  });

  it('covers every object the bench dataset fills, except the users it only matches', async () => {
    const [bench, empty] = await Promise.all([startOrg({ dataset: 'bench', records: 1000 }), startOrg({ dataset: 'empty' })]);
    try {
      const covered = new Set(readBenchTemplate().objects.map((object) => object.name));
      // What the dataset added to what every org has (its running user, price book, record types...).
      const filled = defaultSchema()
        .objects.map((object) => object.header.name)
        .filter((name) => bench.org.count(name) > empty.org.count(name));
      expect(filled).to.include.members(['Account', 'Task', 'Team_Member__c']);
      expect(filled.filter((name) => !covered.has(name))).to.deep.equal(['User']);
    } finally {
      await Promise.all([bench.stop(), empty.stop()]);
    }
  });

  it('refuses an object without an explicit field list (the tools’ defaults differ)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'bench-template-'));
    try {
      const path = join(folder, 'template.json');
      writeFileSync(path, JSON.stringify({ objects: [{ name: 'Account' }] }));
      expect(() => readBenchTemplate(path)).to.throw('Account needs an explicit "fields" list');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
