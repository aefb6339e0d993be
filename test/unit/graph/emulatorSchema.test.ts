import { expect } from 'chai';
import { planMigration } from '../../../src/lib/graph/planMigration.js';
import type { PlanOutcome } from '../../../src/lib/graph/planTypes.js';
import type { DescribeSObject } from '../../../src/lib/schema/describeTypes.js';
import { findField } from '../../../src/lib/schema/fieldRules.js';
import { defaultSchema } from '@sf-isync/org-emulator';
import { describeMap, templateOf } from './describeBuilders.js';

/** Objects of the emulator that describe the org itself rather than data a sync moves. */
const SETUP_OBJECTS = new Set(['User', 'Group', 'RecordType', 'Organization', 'EntityDefinition']);

function emulatorDataObjects(): DescribeSObject[] {
  return defaultSchema()
    .objects.filter((o) => o.header.createable && !SETUP_OBJECTS.has(o.header.name))
    .map((o) => ({ ...o.header, fields: o.fields }));
}

describe("planMigration on the emulator's default schema", () => {
  const objects = emulatorDataObjects();
  const plan = (ordered: DescribeSObject[]): PlanOutcome => planMigration({ template: templateOf(ordered), source: describeMap(...objects) });

  for (const [label, ordered] of [
    ['in schema order', objects],
    ['in reverse order', [...objects].reverse()],
  ] as const) {
    it(`puts every parent first and defers only nillable lookups inside cycles (${label})`, () => {
      const outcome = plan(ordered);
      expect(outcome.problems).to.deep.equal([]);
      expect(outcome.plan.steps).to.have.length(objects.length);
      const position = new Map(outcome.plan.steps.map((s, i) => [s.object, i]));
      for (const step of outcome.plan.steps) {
        const describe = objects.find((o) => o.name === step.object) as DescribeSObject;
        for (const name of step.deferredLookups) {
          const field = findField(describe, name);
          expect(field?.nillable, `${step.object}.${name} is nillable`).to.equal(true);
          expect(step.cycle, `${step.object}.${name} is deferred inside a cycle`).to.not.equal(null);
        }
        const setOnInsert = describe.fields.filter((f) => f.type === 'reference' && f.createable && !step.deferredLookups.includes(f.name));
        for (const field of setOnInsert) {
          for (const parent of field.referenceTo.filter((p) => position.has(p) && p !== step.object)) {
            expect(position.get(parent), `${step.object}.${field.name} -> ${parent}`).to.be.lessThan(position.get(step.object) as number);
          }
        }
      }
      expect(plan(ordered)).to.deep.equal(outcome);
    });
  }

  it('breaks the Warehouse/Route/Carrier and Team/Team Member cycles with one deferred lookup each', () => {
    const outcome = plan(objects);
    const deferred = outcome.plan.steps.flatMap((s) => s.deferredLookups.map((f) => `${s.object}.${f}`));
    expect(deferred).to.have.length(2);
    expect(deferred.filter((d) => /^(Warehouse__c|Route__c)\./.test(d))).to.have.length(1);
    expect(deferred.filter((d) => /^(Team__c|Team_Member__c)\./.test(d))).to.have.length(1);
  });
});
