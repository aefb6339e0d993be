/**
 * Saves an sf CLI auth for an org that is reachable with a bare access token (an emulated org), under an
 * alias, exactly as `sf org login access-token` does: AuthInfo with accessTokenOptions, save, alias. It writes
 * to the sf state folder of $HOME, so callers point HOME at a temporary folder.
 *
 * Usage: tsx harness/loginEmulatedOrg.ts <alias> <instanceUrl> <accessToken>
 */
import { AuthInfo } from '@salesforce/core';

export async function loginEmulatedOrg(alias: string, instanceUrl: string, accessToken: string): Promise<string> {
  const authInfo = await AuthInfo.create({ accessTokenOptions: { accessToken, instanceUrl, loginUrl: instanceUrl } });
  await authInfo.save();
  await authInfo.handleAliasAndDefaultSettings({ alias, setDefault: false, setDefaultDevHub: false });
  return authInfo.getUsername();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [alias, instanceUrl, accessToken] = process.argv.slice(2);
  if (!alias || !instanceUrl || !accessToken) {
    process.stderr.write('usage: loginEmulatedOrg <alias> <instanceUrl> <accessToken>\n');
    process.exit(2);
  }
  const username = await loginEmulatedOrg(alias, instanceUrl, accessToken);
  process.stdout.write(`${username}\n`);
}
