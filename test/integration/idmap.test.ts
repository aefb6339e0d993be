import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { IdMapExportResult } from '../../src/commands/isync/idmap/export.js';
import type { IdMapImportResult } from '../../src/commands/isync/idmap/import.js';
import { startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';
import { journalEvents } from '../support/journalFiles.js';

/** The rows of an exported id map after its comment line, as `Object,SourceId,TargetId` lines, sorted. */
function mapRows(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  expect(lines[1]).to.equal('Object,SourceId,TargetId');
  return lines.slice(2).sort();
}

describe('sf isync idmap export and import against emulated orgs', function () {
  this.timeout(240_000);
  let pair: OrgPair;
  let run: ExecuteResult;
  let files: string;

  before(async () => {
    pair = await startOrgPair();
    files = mkdtempSync(join(tmpdir(), 'isync-idmap-'));
    const execute = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '--objects', 'Account', '--json'], pair.env);
    expect(execute.code, execute.stdout + execute.stderr).to.equal(0);
    run = jsonOf<ExecuteResult>(execute).result;
  });
  after(async () => {
    await pair.stop();
  });

  it('exports the records the run inserted, source id -> target id, and says how many of which object', async () => {
    const file = join(files, 'idmap.csv');
    const human = await runPlugin(['isync', 'idmap', 'export', '-s', 'src', '-o', 'tgt', '-f', file], pair.env);
    expect(human.code, human.stderr).to.equal(0);
    const inserted = journalEvents(run.journalDir).flatMap((event) =>
      event.type === 'record' && event.ok && event.operation === 'insert' ? [`${event.object},${event.sourceId},${event.targetId}`] : []
    );
    expect(inserted.length).to.be.greaterThan(10);
    expect(mapRows(file)).to.deep.equal(inserted.sort());
    const source15 = pair.source.orgId.slice(0, 15);
    const target15 = pair.target.orgId.slice(0, 15);
    expect(readFileSync(file, 'utf8').split('\n')[0]).to.equal(`# sf-isync id map v1 source=${source15} target=${target15} entries=${inserted.length}`);
    expect(human.stdout)
      .to.contain(`Exported ${inserted.length} mapping(s) of 1 object(s), ${source15} -> ${target15}`)
      .and.contain(`Id map written to ${file}`);

    const json = jsonOf<IdMapExportResult>(await runPlugin(['isync', 'idmap', 'export', '-s', 'src', '-o', 'tgt', '-f', file, '--json'], pair.env));
    expect(json.result).to.deep.include({ file, mappings: inserted.length, objects: [{ object: 'Account', mappings: inserted.length }], segments: 1 });
  });

  it('imports the file into another journal folder, which then exports the same map', async () => {
    const file = join(files, 'first.csv');
    await runPlugin(['isync', 'idmap', 'export', '-s', 'src', '-o', 'tgt', '-f', file], pair.env);
    const fresh = join(mkdtempSync(join(tmpdir(), 'isync-fresh-')), 'runs');
    const imported = await runPlugin(['isync', 'idmap', 'import', '-s', 'src', '-o', 'tgt', '-f', file, '--journal-dir', fresh, '--json'], pair.env);
    expect(imported.code, imported.stdout).to.equal(0);
    const result = jsonOf<IdMapImportResult>(imported).result;
    expect(result.mappings).to.equal(mapRows(file).length);
    expect(result.segment.startsWith(join(fresh, 'history'))).to.equal(true);

    const again = join(files, 'again.csv');
    const exported = await runPlugin(['isync', 'idmap', 'export', '-s', 'src', '-o', 'tgt', '-f', again, '--journal-dir', fresh], pair.env);
    expect(exported.code, exported.stderr).to.equal(0);
    expect(readFileSync(again, 'utf8')).to.equal(readFileSync(file, 'utf8'));
  });

  it('refuses a file of other orgs: exit 1, HistoryMapForeignError with its actions, nothing imported', async () => {
    const file = join(files, 'foreign.csv');
    await runPlugin(['isync', 'idmap', 'export', '-s', 'src', '-o', 'tgt', '-f', file], pair.env);
    const target15 = pair.target.orgId.slice(0, 15);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(`target=${target15}`, 'target=00D000000000099'));
    const fresh = join(mkdtempSync(join(tmpdir(), 'isync-fresh-')), 'runs');
    const refused = await runPlugin(['isync', 'idmap', 'import', '-s', 'src', '-o', 'tgt', '-f', file, '--journal-dir', fresh, '--json'], pair.env);
    expect(refused.code).to.equal(1);
    const json = jsonOf(refused);
    expect(json.name).to.equal('HistoryMapForeignError');
    expect(json.message).to.contain('00D000000000099').and.contain(target15);
    expect(json.actions!.join('\n')).to.contain('sf isync idmap export');

    const human = await runPlugin(['isync', 'idmap', 'import', '-s', 'src', '-o', 'tgt', '-f', file, '--journal-dir', fresh], pair.env);
    expect(human.code).to.equal(1);
    expect(human.stderr).to.contain('HistoryMapForeignError').and.not.contain('    at ');
    const empty = join(files, 'empty.csv');
    await runPlugin(['isync', 'idmap', 'export', '-s', 'src', '-o', 'tgt', '-f', empty, '--journal-dir', fresh], pair.env);
    expect(mapRows(empty)).to.deep.equal([]);
  });

  // Last: it undoes the run the other tests export.
  it('leaves out the records a rollback deleted', async () => {
    const rollback = await runPlugin(['isync', 'rollback', '--run-id', run.runId, '--json'], pair.env);
    expect(rollback.code, rollback.stdout).to.equal(0);
    const file = join(files, 'rolledBack.csv');
    const exported = jsonOf<IdMapExportResult>(await runPlugin(['isync', 'idmap', 'export', '-s', 'src', '-o', 'tgt', '-f', file, '--json'], pair.env));
    expect(exported.result).to.deep.include({ mappings: 0, segments: 1 });
    expect(mapRows(file)).to.deep.equal([]);
  });
});
