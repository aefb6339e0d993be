/**
 * Reads the `<DeployOptions>` of a SOAP `deploy()` call, with Salesforce's defaults (DeployOptions in the
 * Metadata API Developer Guide; SDR's defaults agree: rollbackOnError true, singlePackage as the client says).
 * A boolean or enum value out of range is the whole call's fault, as the SOAP layer refuses such envelopes.
 */
import { MetadataFault } from '../soap/metadataComponents.js';
import type { XmlElement } from '../soap/xmlTree.js';
import { TEST_LEVELS, type DeployOptions, type TestLevel } from './deployTypes.js';

function booleanMember(options: XmlElement | undefined, name: string, fallback: boolean): boolean {
  const value = options?.children.find((child) => child.name === name)?.text.trim();
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new MetadataFault(`'${value}' is not a valid value for the type xsd:boolean`);
}

export function readDeployOptions(options: XmlElement | undefined): DeployOptions {
  const levelText = options?.children.find((child) => child.name === 'testLevel')?.text.trim();
  let testLevel: TestLevel | undefined;
  if (levelText !== undefined && levelText !== '') {
    testLevel = TEST_LEVELS.find((level) => level === levelText);
    if (testLevel === undefined) throw new MetadataFault(`'${levelText}' is not a valid value for the enum 'TestLevel'`);
  }
  return {
    checkOnly: booleanMember(options, 'checkOnly', false),
    ignoreWarnings: booleanMember(options, 'ignoreWarnings', false),
    rollbackOnError: booleanMember(options, 'rollbackOnError', true),
    // The WSDL default is false; jsforce and SDR send true for a zip with package.xml at its root.
    singlePackage: booleanMember(options, 'singlePackage', false),
    testLevel,
    runTests: (options?.children ?? []).filter((child) => child.name === 'runTests').map((child) => child.text.trim()),
  };
}
