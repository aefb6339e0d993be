import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { exportHistory } from '../../../src/lib/history/exportHistory.js';
import { pairFolder } from '../../../src/lib/history/historyPaths.js';
import { importHistory } from '../../../src/lib/history/importHistory.js';
import { loadHistory } from '../../../src/lib/history/loadHistory.js';
import { createRun, deleted, inserted, journalFolder, OTHER_ORG, PAIR, sourceId, SOURCE_ORG, targetId, TARGET_ORG, rejection } from './historyRuns.js';

const SOURCE15 = SOURCE_ORG.slice(0, 15);
const TARGET15 = TARGET_ORG.slice(0, 15);

describe('id map files (exportHistory, importHistory)', () => {
  let root: string;
  let files: string;
  beforeEach(() => {
    root = journalFolder();
    files = mkdtempSync(join(tmpdir(), 'isync-idmap-'));
  });

  it('exports the merged map (later wins, removals out), with its comment line and 18-character ids, rows in the order they were mapped', async () => {
    createRun(root, [inserted(1, 1), inserted(2, 1), inserted(3, 1, 'Contact')], { day: 1 });
    createRun(root, [inserted(1, 2), deleted(2, 1)], { day: 2 });
    const file = join(files, 'map.csv');
    const exported = await exportHistory(root, PAIR, file);
    expect(exported).to.deep.include({ file, sourceOrgId: SOURCE15, targetOrgId: TARGET15, mappings: 2, segments: 2 });
    expect(exported.objects).to.deep.equal([
      { object: 'Account', mappings: 1 },
      { object: 'Contact', mappings: 1 },
    ]);
    expect(readFileSync(file, 'utf8').split('\n')).to.deep.equal([
      `# sf-isync id map v1 source=${SOURCE15} target=${TARGET15} entries=2`,
      'Object,SourceId,TargetId',
      `Contact,${sourceId(3)},${targetId(3, 1)}`,
      `Account,${sourceId(1)},${targetId(1, 2)}`,
      '',
    ]);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
  });

  it('round-trips: imported into another journal folder, the map exports the same and loads the same', async () => {
    createRun(root, [inserted(1), inserted(2), inserted(3, 0, 'Contact'), inserted(4, 0, 'ns__Thing__c')]);
    const first = join(files, 'first.csv');
    await exportHistory(root, PAIR, first);

    const other = journalFolder();
    const imported = await importHistory(other, PAIR, first);
    expect(imported).to.deep.include({ file: first, sourceOrgId: SOURCE15, targetOrgId: TARGET15, mappings: 4 });
    expect(imported.segment).to.match(/\/\d{8}T\d{6}Z-[0-9a-f]{6}-import\.map$/);
    expect(imported.segment.startsWith(pairFolder(other, PAIR))).to.equal(true);
    const load = await loadHistory(other, PAIR);
    expect(load.map.get(sourceId(4))).to.equal(targetId(4));
    expect(load.map.size).to.equal(4);

    const second = join(files, 'second.csv');
    await exportHistory(other, PAIR, second);
    expect(readFileSync(second, 'utf8')).to.equal(readFileSync(first, 'utf8'));
  });

  it('an import wins over the runs before it and loses to the runs after it', async () => {
    const file = join(files, 'map.csv');
    writeFileSync(
      file,
      `# sf-isync id map v1 source=${SOURCE_ORG} target=${TARGET15} entries=2\r\nObject,SourceId,TargetId\r\nAccount,${sourceId(1)},${targetId(1, 9)}\r\nAccount,${sourceId(2).slice(0, 15)},${targetId(2, 9).slice(0, 15)}\r\n`
    );
    createRun(root, [inserted(1, 1), inserted(2, 1)], { day: 1 });
    await importHistory(root, PAIR, file);
    let load = await loadHistory(root, PAIR);
    expect([load.map.get(sourceId(1)), load.map.get(sourceId(2))]).to.deep.equal([targetId(1, 9), targetId(2, 9)]);
    createRun(root, [inserted(1, 2)], { day: 40_000 });
    load = await loadHistory(root, PAIR);
    expect(load.map.get(sourceId(1))).to.equal(targetId(1, 2));
  });

  it('refuses a file of other orgs (HistoryMapForeignError naming both pairs) and imports nothing', async () => {
    const file = join(files, 'map.csv');
    writeFileSync(
      file,
      `# sf-isync id map v1 source=${SOURCE15} target=${OTHER_ORG.slice(0, 15)} entries=1\nObject,SourceId,TargetId\nAccount,${sourceId(1)},${targetId(1)}\n`
    );
    const error = await rejection(importHistory(root, PAIR, file));
    expect(error.name).to.equal('HistoryMapForeignError');
    expect(error.message).to.contain(`maps org ${SOURCE15} to org ${OTHER_ORG.slice(0, 15)}, not ${SOURCE15} to ${TARGET15}`);
    expect(error.actions!.join('\n')).to.contain(OTHER_ORG.slice(0, 15)).and.contain(TARGET15);
    expect((await loadHistory(root, PAIR)).firstRun).to.equal(true);
  });

  it('refuses a file cut short or damaged (HistoryMapCorruptError with the line), and leaves no segment behind', async () => {
    createRun(root, [inserted(1), inserted(2), inserted(3)]);
    const file = join(files, 'map.csv');
    await exportHistory(root, PAIR, file);
    const text = readFileSync(file, 'utf8');
    const other = journalFolder();
    const cases: Array<[string, string]> = [
      [text.split('\n').slice(0, -2).join('\n') + '\n', 'line 4: the first line counts 3 entries and the file has 2'],
      [text.slice(0, -5), 'line 5: TargetId'],
      [text.replace('# sf-isync id map v1', '# some map'), 'line 1: the first line is not'],
      [text.replace('Object,SourceId', 'Object,Source'), 'line 2: the columns are'],
      [text.replace(`Account,${sourceId(2)}`, `Account Name,${sourceId(2)}`), 'line 4: "Account Name" is not an object API name'],
      [text.replace(`${targetId(2)}`, `${targetId(2)},extra`), 'line 4'],
      [text.split('\n')[0] + '\n', 'line 2: the column header'],
    ];
    for (const [content, problem] of cases) {
      writeFileSync(file, content);
      const error = await rejection(importHistory(other, PAIR, file));
      expect(error.name, problem).to.equal('HistoryMapCorruptError');
      expect(error.message, problem).to.contain(problem);
      expect(error.actions!.join('\n')).to.contain('sf isync idmap export');
    }
    const missing = await rejection(importHistory(other, PAIR, join(files, 'none.csv')));
    expect(missing.name).to.equal('IdMapFileNotFoundError');
    expect(readdirSync(other, { recursive: true }).filter((name) => String(name).endsWith('.map') || String(name).endsWith('.tmp'))).to.deep.equal([]);
  });

  it('refuses an imported segment damaged since (no journal rebuilds it): HistoryMapCorruptError', async () => {
    const file = join(files, 'map.csv');
    writeFileSync(
      file,
      `# sf-isync id map v1 source=${SOURCE15} target=${TARGET15} entries=1\nObject,SourceId,TargetId\nAccount,${sourceId(1)},${targetId(1)}\n`
    );
    const { segment } = await importHistory(root, PAIR, file);
    writeFileSync(segment, readFileSync(segment, 'utf8').replace('@Account', '@Account Name'));
    const error = await rejection(loadHistory(root, PAIR));
    expect(error.name).to.equal('HistoryMapCorruptError');
    expect(error.message).to.contain(`${segment} is damaged at line 2: "@Account Name" is not an object line`);
    expect((await rejection(exportHistory(root, PAIR, join(files, 'out.csv')))).name).to.equal('HistoryMapCorruptError');
  });

  it('exports an empty map when the orgs were never synced', async () => {
    const file = join(files, 'empty.csv');
    const exported = await exportHistory(root, PAIR, file);
    expect(exported).to.deep.include({ mappings: 0, objects: [], segments: 0 });
    expect(readFileSync(file, 'utf8')).to.equal(`# sf-isync id map v1 source=${SOURCE15} target=${TARGET15} entries=0\nObject,SourceId,TargetId\n`);
    await importHistory(journalFolder(), PAIR, file);
  });
});
