import type { Connection } from '@salesforce/core';
import type { EmulatedOrg } from '@sf-isync/org-emulator';

/**
 * A @salesforce/core Connection (jsforce) to an emulated org from its access token, as the plugin talks to real
 * orgs. Call it inside a process sandbox home (useProcessSandboxHome): AuthInfo may touch ~/.sfdx.
 */
export async function connectTo(org: EmulatedOrg, version = '62.0'): Promise<Connection> {
  const core = await import('@salesforce/core');
  const { accessToken, instanceUrl } = org;
  const authInfo = await core.AuthInfo.create({ accessTokenOptions: { accessToken, instanceUrl, loginUrl: instanceUrl } });
  return core.Connection.create({ authInfo, connectionOptions: { version } });
}
