import { readdirSync } from 'node:fs';
import { expect } from 'chai';
import { objectNames, objectNamesIn } from '../../../src/commandSupport/objectsFlag.js';

type FlagShape = { type: string; multiple?: boolean; delimiter?: string };

describe('--objects', () => {
  it('reads repeated values, comma-separated values and a mix of both alike', () => {
    expect(objectNames(['Account,Contact'])).to.deep.equal(['Account', 'Contact']);
    expect(objectNames(['Account', 'Contact'])).to.deep.equal(['Account', 'Contact']);
    expect(objectNames(['Account', 'Contact,Case', 'Team__c'])).to.deep.equal(['Account', 'Contact', 'Case', 'Team__c']);
    expect(objectNames(undefined)).to.equal(undefined);
  });

  it('trims names and keeps each object once, in its first spelling (API names are case-insensitive)', () => {
    expect(objectNames([' Account , Contact ', 'account', 'Contact,CONTACT', 'Case'])).to.deep.equal(['Account', 'Contact', 'Case']);
  });

  it('refuses an empty name as a bad flag (exit 2), naming the value', () => {
    for (const value of ['Account,,Contact', 'Account,', ',Account', '', '  ', 'Account, ,Contact']) {
      expect(() => objectNamesIn(value), JSON.stringify(value))
        .to.throw(`--objects "${value}" has an empty object name.`)
        .with.property('exitCode', 2);
    }
    expect(() => objectNamesIn('Account,,Contact'))
      .to.throw()
      .with.property('name', 'EmptyObjectNameError');
  });

  // The sf CLI's preparse hook warns "The input format for array arguments has changed" on any command line with
  // a comma when the command has an option flag with `multiple: true` and `delimiter: ','`.
  it('leaves every command without a flag that makes the sf CLI warn about the list format', async () => {
    const folder = new URL('../../../src/commands/isync/', import.meta.url);
    const files = readdirSync(folder).filter((file) => file.endsWith('.ts'));
    expect(files).to.include.members(['order.ts', 'scan.ts', 'execute.ts']);
    for (const file of files) {
      const command = ((await import(new URL(file, folder).href)) as { default: { flags: Record<string, FlagShape> } }).default;
      const listFlags = Object.entries(command.flags).filter(([, flag]) => flag.type === 'option' && flag.multiple === true);
      expect(
        listFlags.filter(([, flag]) => flag.delimiter === ',').map(([name]) => name),
        file
      ).to.deep.equal([]);
      if (['order.ts', 'scan.ts', 'execute.ts'].includes(file))
        expect(
          listFlags.map(([name]) => name),
          file
        ).to.include('objects');
    }
  });
});
