/**
 * Who-am-I endpoints that `sf org login access-token`, @salesforce/core and SFDMU call before anything
 * else: OpenID userinfo, the identity URL (`/id/<orgId>/<userId>`), the versions list and the resources
 * of one version. Shapes follow the recorded identity and versions responses.
 */
import type { EmulatorResponse } from '../http/types.js';
import type { OrgState } from '../org/orgState.js';
import { apiVersions } from './apiVersions.js';

function urls(instanceUrl: string, org: OrgState): Record<string, string> {
  const orgId15 = org.orgId.slice(0, 15);
  const data = `${instanceUrl}/services/data/v{version}`;
  return {
    enterprise: `${instanceUrl}/services/Soap/c/{version}/${orgId15}`,
    metadata: `${instanceUrl}/services/Soap/m/{version}/${orgId15}`,
    partner: `${instanceUrl}/services/Soap/u/{version}/${orgId15}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    tooling_soap: `${instanceUrl}/services/Soap/T/{version}/${orgId15}`,
    tooling_rest: `${data}/tooling/`,
    profile: `${instanceUrl}/${org.userId}`,
    feeds: `${data}/chatter/feeds`,
    groups: `${data}/chatter/groups`,
    users: `${data}/chatter/users`,
    feed_items: `${data}/chatter/feed-items`,
    feed_elements: `${data}/chatter/feed-elements`,
    custom_domain: instanceUrl,
  };
}

function user(org: OrgState): { username: string; first: string; last: string; email: string } {
  const row = org.get(org.userId);
  return {
    username: org.identity.username,
    first: typeof row?.FirstName === 'string' ? row.FirstName : 'Emulated',
    last: typeof row?.LastName === 'string' ? row.LastName : 'Admin',
    email: typeof row?.Email === 'string' ? row.Email : org.identity.username,
  };
}

export function identityUrl(instanceUrl: string, org: OrgState): string {
  return `${instanceUrl}/id/${org.orgId}/${org.userId}`;
}

/** `GET /id/<orgId>/<userId>`: the identity service response. */
export function identityResponse(instanceUrl: string, org: OrgState): EmulatorResponse {
  const u = user(org);
  return {
    status: 200,
    body: {
      id: identityUrl(instanceUrl, org),
      asserted_user: true,
      user_id: org.userId,
      organization_id: org.orgId,
      username: u.username,
      nick_name: u.username.split('@')[0],
      display_name: `${u.first} ${u.last}`,
      email: u.email,
      email_verified: true,
      first_name: u.first,
      last_name: u.last,
      timezone: 'America/Los_Angeles',
      photos: { picture: `${instanceUrl}/profilephoto/005/F`, thumbnail: `${instanceUrl}/profilephoto/005/T` },
      addr_street: null,
      addr_city: null,
      addr_state: null,
      addr_country: null,
      addr_zip: null,
      mobile_phone: null,
      mobile_phone_verified: false,
      is_lightning_login_user: false,
      status: { created_date: null, body: null },
      urls: urls(instanceUrl, org),
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: -28800000,
      last_modified_date: org.get(org.userId)?.LastModifiedDate ?? null,
      is_app_installed: true,
    },
  };
}

/** `GET /services/oauth2/userinfo`: the OpenID Connect shape. */
export function userInfoResponse(instanceUrl: string, org: OrgState): EmulatorResponse {
  const u = user(org);
  return {
    status: 200,
    body: {
      sub: identityUrl(instanceUrl, org),
      user_id: org.userId,
      organization_id: org.orgId,
      preferred_username: u.username,
      nickname: u.username.split('@')[0],
      name: `${u.first} ${u.last}`,
      email: u.email,
      email_verified: true,
      given_name: u.first,
      family_name: u.last,
      zoneinfo: 'America/Los_Angeles',
      photos: { picture: `${instanceUrl}/profilephoto/005/F`, thumbnail: `${instanceUrl}/profilephoto/005/T` },
      profile: `${instanceUrl}/${org.userId}`,
      picture: `${instanceUrl}/profilephoto/005/F`,
      address: {},
      is_salesforce_integration_user: false,
      urls: urls(instanceUrl, org),
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: -28800000,
      updated_at: org.get(org.userId)?.LastModifiedDate ?? null,
      is_app_installed: true,
    },
  };
}

/** `GET /services/data`: no authentication needed on Salesforce either. */
export function versionsResponse(): EmulatorResponse {
  return { status: 200, body: apiVersions() };
}

/** `GET /services/data/vNN.N`: the version's resources, including the identity URL SFDMU reads. */
export function resourcesResponse(instanceUrl: string, apiVersion: string, org: OrgState): EmulatorResponse {
  const base = `/services/data/v${apiVersion}`;
  const names = [
    'tooling',
    'metadata',
    'eclair',
    'folders',
    'prechatForms',
    'contact-tracing',
    'domino',
    'async-queries',
    'query',
    'appMenu',
    'quickActions',
    'queryAll',
    'commerce',
    'wave',
    'iot',
    'analytics',
    'search',
    'smartdatadiscovery',
    'identity',
    'composite',
    'parameterizedSearch',
    'fingerprint',
    'theme',
    'nouns',
    'event',
    'serviceTemplates',
    'recent',
    'connect',
    'licensing',
    'limits',
    'process',
    'dedupe',
    'async-api',
    'actions',
    'support',
    'jobs',
    'sobjects',
    'ui-api',
  ];
  const body: Record<string, string> = {};
  for (const name of names) body[name] = name === 'identity' ? identityUrl(instanceUrl, org) : `${base}/${name}`;
  return { status: 200, body };
}
