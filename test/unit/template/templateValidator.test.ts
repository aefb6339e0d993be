import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { GENERATED_FILE, templateValidatorSource } from '../../../scripts/generate/templateValidator.js';
import { templateShapeProblems } from '../../../src/lib/template/templateSchema.js';

describe('generated template validator', () => {
  it('is what the schema generates today (run "npm run generate:validator" after changing the schema)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).to.equal(templateValidatorSource());
  });

  it('checks with every option it was compiled with: all errors at once, parent schemas for suggestions', async () => {
    const problems = await templateShapeProblems({
      objects: [
        { name: 'Account', fieldz: ['Name'], matchBy: true },
        { name: 'Contact', where: 3 },
      ],
    });
    expect(problems).to.deep.equal([
      'objects[0] (Account): unknown property "fieldz". Did you mean "fields"?',
      'objects[0] (Account).matchBy: must be a field, a list of fields, or false (insert-only: nothing is matched); true is not a match key',
      'objects[1] (Contact).where: must be string',
    ]);
  });
});
