import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../fixtures.js';
import { prettyPrint } from '../../src/http/server.js';

type Exchange = { response: { body: unknown; body_raw: string } };

describe('emulator X-PrettyPrint output', () => {
  for (const file of [
    'composite/sobject-collections/cci__TestUpsert.test_upsert_complex_external_id_field_rest__duplicate_error__09_PATCH_composite-sobjects-Account-Id.json',
    'errors/snowfakery__TestSOQLDatasets.test_dataset_bad_query__01_GET_query-_Xyzzy.json',
  ]) {
    it(`matches Salesforce's text byte for byte: ${file.split('/').pop()}`, () => {
      const exchange = JSON.parse(readFileSync(fixturePath(file), 'utf8')) as Exchange;
      expect(prettyPrint(exchange.response.body)).to.equal(exchange.response.body_raw);
    });
  }
});
