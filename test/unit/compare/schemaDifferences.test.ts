import { expect } from 'chai';
import { fieldDifferences } from '../../../src/lib/compare/fieldDifferences.js';
import { customFieldType, customFieldXml } from '../../../src/lib/compare/fieldMetadata.js';
import { requiredFieldGaps } from '../../../src/lib/compare/requiredFields.js';
import { planFixes, permissionSetFile, withPicklistValues } from '../../../src/lib/compare/schemaFixes.js';
import type { DescribePicklistValue } from '../../../src/lib/schema/describeTypes.js';
import { field, lookup, masterDetail, sobject } from '../graph/describeBuilders.js';

const values = (...names: string[]): DescribePicklistValue[] => names.map((value) => ({ value, label: value, active: true, defaultValue: false }));
const pair = (source: ReturnType<typeof field>, target: ReturnType<typeof field>) => ({ object: 'Project__c', targetObject: 'Project__c', source, target });

describe('schema differences (compare and the pre-flight)', () => {
  it('grades each field difference by what it does to a sync', () => {
    const [type] = fieldDifferences(pair(field('Hours__c', { type: 'double' }), field('Hours__c', { type: 'string' })));
    expect(type).to.include({ kind: 'typeMismatch', severity: 'blocking' });
    const [length] = fieldDifferences(pair(field('Code__c', { length: 80 }), field('Code__c', { length: 20 })));
    expect(length).to.include({ kind: 'lengthShorter', severity: 'dataLoss' });
    const restricted = fieldDifferences(
      pair(
        field('Status__c', { type: 'picklist', picklistValues: values('Draft', 'On Hold') }),
        field('Status__c', { type: 'picklist', picklistValues: values('Draft'), restrictedPicklist: true })
      )
    );
    expect(restricted[0]).to.include({ kind: 'picklistValuesMissing', severity: 'dataLoss' });
    expect(restricted[0].autoFix).to.deep.equal({
      type: 'PicklistValues',
      object: 'Project__c',
      targetObject: 'Project__c',
      field: 'Status__c',
      values: ['On Hold'],
    });
    const open = fieldDifferences(
      pair(field('Industry', { type: 'picklist', picklistValues: values('Energy') }), field('Industry', { type: 'picklist', picklistValues: [] }))
    );
    // A standard picklist's values are not deployed by compare --fix; an unrestricted one takes any value.
    expect(open[0]).to.include({ severity: 'info' });
    expect(open[0].autoFix).to.equal(undefined);
    const [reference] = fieldDifferences(pair(lookup('Owner__c', 'Account'), lookup('Owner__c', 'Contact')));
    expect(reference).to.include({ kind: 'referenceMismatch', severity: 'blocking' });
    expect(fieldDifferences(pair(field('Start__c', { type: 'date' }), field('Start__c', { type: 'datetime' })))).to.deep.equal([]);
  });

  it('finds the fields a target requires that the sync does not write', () => {
    const target = sobject('Project__c', [
      field('Name', { nillable: false }),
      field('Code__c', { nillable: false }),
      field('Flag__c', { nillable: false, defaultedOnCreate: true }),
    ]);
    const gaps = requiredFieldGaps('Project__c', target, ['Name']);
    expect(gaps.map((gap) => gap.field)).to.deep.equal(['Code__c']);
    expect(gaps[0].severity).to.equal('blocking');
  });

  it('writes a custom field as the source describes it, in the Metadata API order', () => {
    expect(customFieldType(masterDetail('Project__c', 'Project__c'))).to.equal(undefined);
    expect(customFieldType(field('Notes__c', { type: 'textarea', length: 32_768 }))).to.equal('LongTextArea');
    const xml = customFieldXml(field('Status__c', { type: 'picklist', label: 'Status', picklistValues: values('A & B', 'C'), restrictedPicklist: true }));
    expect(xml).to.match(/<fullName>Status__c<\/fullName>\n {4}<label>Status<\/label>\n {4}<type>Picklist<\/type>\n {4}<valueSet>/);
    expect(xml).to.include('<fullName>A &amp; B</fullName>').and.include('<restricted>true</restricted>');
    const number = customFieldXml(field('Budget__c', { type: 'currency', precision: 14, scale: 2 }));
    expect(number).to.include('<precision>14</precision>').and.include('<scale>2</scale>').and.include('<type>Currency</type>');
  });

  it('adds picklist values to the target definition as read, and grants what it creates', async () => {
    const read =
      '<fullName>Project__c.Status__c</fullName><label>Status</label><type>Picklist</type><valueSet><restricted>true</restricted><valueSetDefinition><sorted>false</sorted><value><fullName>Draft</fullName><default>true</default><label>Draft</label></value></valueSetDefinition></valueSet>';
    const text = withPicklistValues(read, 'Status__c', ['On Hold'])!;
    expect(text).to.include('<fullName>Status__c</fullName>').and.include('<label>Draft</label></value><value><fullName>On Hold</fullName>');
    expect(withPicklistValues('<fullName>X</fullName><valueSet><valueSetName>Global</valueSetName></valueSet>', 'X', ['A'])).to.equal(undefined);

    const budget = field('Budget__c', { type: 'currency', precision: 14, scale: 2 });
    const plan = await planFixes(
      [
        {
          object: 'Project__c',
          kind: 'fieldMissing',
          severity: 'dataLoss',
          what: '',
          fix: '',
          autoFix: { type: 'CustomField', object: 'Project__c', targetObject: 'Project__c', field: 'Budget__c' },
        },
        {
          object: 'Account',
          kind: 'recordTypeMissing',
          severity: 'blocking',
          what: '',
          fix: '',
          autoFix: { type: 'RecordType', object: 'Account', targetObject: 'Account', developerName: 'Partner', label: 'Partner' },
        },
        {
          object: 'Project__c',
          kind: 'picklistValuesMissing',
          severity: 'info',
          what: '',
          fix: '',
          autoFix: { type: 'PicklistValues', object: 'Project__c', targetObject: 'Project__c', field: 'Kind__c', values: ['B'] },
        },
      ],
      () => sobject('Project__c', [budget]),
      () => Promise.resolve(undefined)
    );
    expect(plan.planned.map((fix) => fix.files[0].path)).to.deep.equal([
      'objects/Project__c/fields/Budget__c.field-meta.xml',
      'objects/Account/recordTypes/Partner.recordType-meta.xml',
    ]);
    expect(plan.unplanned).to.have.length(1);
    const grants = permissionSetFile('Isync_Fix_1', 'fix', plan.planned)!;
    expect(grants.path).to.equal('permissionsets/Isync_Fix_1.permissionset-meta.xml');
    expect(grants.text).to.include('<field>Project__c.Budget__c</field>').and.include('<recordType>Account.Partner</recordType>');
  });
});
