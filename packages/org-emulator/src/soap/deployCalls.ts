/**
 * The Metadata API's file-based deploy on `/services/Soap/m/<version>`: `deploy(ZipFile, DeployOptions)`
 * answers an AsyncResult at once and the deploy runs on the org's queue (deploy/deployQueue.ts);
 * `checkDeployStatus(asyncProcessId, includeDetails)` answers its DeployResult; `cancelDeploy(id)` a
 * CancelDeployResult. In production a deploy with testLevel NoTestRun is refused by the call itself, with the
 * fault Salesforce gives (`sf:INVALID_OPERATION` `testLevel of NoTestRun cannot be used in production
 * organizations`, xjsender/haoide #107; refused whatever the package holds, salesforcecli/plugin-deploy-retrieve
 * #611), and rollbackOnError is forced on there.
 */
import type { EmulatorResponse } from '../http/types.js';
import type { OrgState } from '../org/orgState.js';
import { readDeployOptions } from '../deploy/deployOptions.js';
import type { DeployQueue } from '../deploy/deployQueue.js';
import { asyncResultXml, cancelDeployResultXml, deployResultXml } from '../deploy/deployResultXml.js';
import { MetadataFault } from './metadataComponents.js';
import { apiFault, metadataResponse } from './soapEnvelope.js';
import { childNamed, type XmlElement } from './xmlTree.js';

export type DeployDeps = { org: OrgState; deploys: DeployQueue };

export const DEPLOY_OPERATIONS = ['deploy', 'checkDeployStatus', 'cancelDeploy'] as const;

export function isDeployOperation(name: string): name is (typeof DEPLOY_OPERATIONS)[number] {
  return (DEPLOY_OPERATIONS as readonly string[]).includes(name);
}

export function handleDeployCall(operation: XmlElement, deps: DeployDeps): EmulatorResponse {
  if (operation.name === 'deploy') return deploy(operation, deps);
  if (operation.name === 'checkDeployStatus') return checkDeployStatus(operation, deps);
  return cancelDeploy(operation, deps);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function deploy(operation: XmlElement, deps: DeployDeps): EmulatorResponse {
  const zipText = (childNamed(operation, 'ZipFile')?.text ?? '').replace(/\s+/g, '');
  if (zipText === '') throw new MetadataFault('deploy() needs a ZipFile');
  if (!BASE64.test(zipText)) throw new MetadataFault(`'${zipText.slice(0, 20)}…' is not a valid value for the type xsd:base64Binary`);
  const options = readDeployOptions(childNamed(operation, 'DeployOptions'));
  if (deps.org.identity.edition === 'production') {
    if (options.testLevel === 'NoTestRun') return apiFault('INVALID_OPERATION', 'testLevel of NoTestRun cannot be used in production organizations');
    options.rollbackOnError = true;
  }
  const record = deps.deploys.submit(options, Buffer.from(zipText, 'base64'));
  return metadataResponse('deploy', asyncResultXml(record));
}

/** Salesforce's answer to an id it has no deploy for (UNVERIFIED: see the README). */
const unknownDeploy = (): EmulatorResponse => apiFault('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');

function checkDeployStatus(operation: XmlElement, deps: DeployDeps): EmulatorResponse {
  const id = childNamed(operation, 'asyncProcessId')?.text.trim() ?? '';
  const includeDetails = /^(true|1)$/.test(childNamed(operation, 'includeDetails')?.text.trim() ?? '');
  const record = deps.deploys.find(id);
  if (!record) return unknownDeploy();
  return metadataResponse('checkDeployStatus', deployResultXml(record, includeDetails));
}

function cancelDeploy(operation: XmlElement, deps: DeployDeps): EmulatorResponse {
  const id = childNamed(operation, 'String')?.text.trim() ?? childNamed(operation, 'id')?.text.trim() ?? '';
  const record = deps.deploys.cancel(id);
  if (record === undefined) return unknownDeploy();
  if (record === 'done') return apiFault('INVALID_ID_FIELD', 'Deployment already completed');
  return metadataResponse('cancelDeploy', cancelDeployResultXml(record));
}
