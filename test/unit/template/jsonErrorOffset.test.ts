import { expect } from 'chai';
import { jsonErrorOffset } from '../../../src/lib/template/jsonErrorOffset.js';
import { locateJsonError } from '../../../src/lib/template/readTemplateFile.js';

/** Invalid texts for which V8 does report a position: the scanner must find the same one. */
const V8_POSITIONED = [
  '{"a":1,}',
  '{"a" 1}',
  '{"a":"x\ty"}',
  '[1,2',
  '{"objects":[]} x',
  '{"a":01}',
  "{'a':1}",
  '{"a":-}',
  '{"a":"\\q"}',
  '{"a":1.}',
  '{"a":1e}',
  '{"a":"\\u12G4"}',
  '{"a":[1 2]}',
];

function v8Position(text: string): number {
  try {
    JSON.parse(text);
  } catch (error) {
    const match = / at position (\d+)/.exec((error as Error).message);
    if (match) return Number(match[1]);
  }
  throw new Error(`V8 gives no position for ${text}`);
}

describe('jsonErrorOffset', () => {
  it('is undefined for valid JSON, whatever its shape', () => {
    for (const text of ['{}', ' [ ] ', '{"a":[1,-2.5e+3,true,false,null,"\\u00e9\\n"],"b":{"c":"d"}}\n', '0', '"x"']) {
      expect(jsonErrorOffset(text), text).to.equal(undefined);
    }
  });

  it('finds the offset V8 reports, wherever V8 reports one', () => {
    for (const text of V8_POSITIONED) expect(jsonErrorOffset(text), text).to.equal(v8Position(text));
  });

  it('points at the closing bracket after a trailing comma, which Node 22 reports without a position', () => {
    const text = '{\n  "objects": [\n    { "name": "Account" },\n  ]\n}\n';
    expect(jsonErrorOffset(text)).to.equal(text.indexOf(']'));
    expect(jsonErrorOffset('{"a":tru}')).to.equal(8);
  });

  it('points past the end of a text that stops early', () => {
    expect(jsonErrorOffset('')).to.equal(0);
    expect(jsonErrorOffset('{"objects": [')).to.equal(13);
  });
});

describe('locateJsonError with a V8 message that has no position', () => {
  it('gives the line and column of the trailing comma and drops the excerpt from the reason', () => {
    const text = '{\n  "objects": [\n    { "name": "Account" },\n  ]\n}\n';
    let message = '';
    try {
      JSON.parse(text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(locateJsonError(text, message)).to.deep.equal({ reason: "Unexpected token ']'", line: 4, column: 3 });
  });
});
