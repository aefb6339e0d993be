/** Test helper (not a test): deploy zips in the Metadata API's file format, and SOAP deploy calls on the wire. */
import JSZip from 'jszip';
import type { EmulatedOrg } from '../../src/index.js';

export type TriggerFile = { name: string; body?: string; status?: string; apiVersion?: string; meta?: string | null };

export function packageXml(types: Record<string, string[]>, version = '62.0'): string {
  const entries = Object.entries(types)
    .map(([name, members]) => `<types>${members.map((member) => `<members>${member}</members>`).join('')}<name>${name}</name></types>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata">${entries}<version>${version}</version></Package>`;
}

export const triggerMeta = (status: string, apiVersion = '62.0'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ApexTrigger xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>${apiVersion}</apiVersion>\n    <status>${status}</status>\n</ApexTrigger>\n`;

/** A zip with package.xml naming the triggers (and `extra` types), and each trigger's files under `root`. */
export async function triggerZip(
  triggers: TriggerFile[],
  options: { root?: string; extra?: Record<string, string[]>; manifest?: boolean } = {}
): Promise<Buffer> {
  const zip = new JSZip();
  const root = options.root ?? '';
  if (options.manifest !== false) zip.file(`${root}package.xml`, packageXml({ ApexTrigger: triggers.map((t) => t.name), ...options.extra }));
  for (const trigger of triggers) {
    if (trigger.body !== undefined) zip.file(`${root}triggers/${trigger.name}.trigger`, trigger.body);
    if (trigger.meta !== null)
      zip.file(`${root}triggers/${trigger.name}.trigger-meta.xml`, trigger.meta ?? triggerMeta(trigger.status ?? 'Active', trigger.apiVersion));
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** The envelope a client sends (metadata namespace as the default one). */
export function envelope(sessionId: string, body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://soap.sforce.com/2006/04/metadata"><soapenv:Header>' +
    `<SessionHeader><sessionId>${sessionId}</sessionId></SessionHeader></soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

export async function metadataCall(org: EmulatedOrg, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${org.instanceUrl}/services/Soap/m/62.0`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
    body: envelope(org.accessToken, body),
  });
  return { status: res.status, text: await res.text() };
}

export const deployBody = (zip: Buffer, options: Record<string, string | boolean> = {}): string =>
  `<deploy><ZipFile>${zip.toString('base64')}</ZipFile><DeployOptions>${Object.entries({ singlePackage: true, ...options })
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('')}</DeployOptions></deploy>`;

/** deploy() on the wire; answers the AsyncResult's id (throws on any other answer). */
export async function startDeploy(org: EmulatedOrg, zip: Buffer, options: Record<string, string | boolean> = {}): Promise<string> {
  const answer = await metadataCall(org, deployBody(zip, options));
  const id = /<id>(0Af\w+)<\/id>/.exec(answer.text)?.[1];
  if (answer.status !== 200 || !id) throw new Error(`deploy refused: ${answer.status} ${answer.text}`);
  return id;
}

export const statusBody = (id: string, includeDetails = true): string =>
  `<checkDeployStatus><asyncProcessId>${id}</asyncProcessId><includeDetails>${includeDetails}</includeDetails></checkDeployStatus>`;

/** The text of one element of a result (first occurrence). */
export const member = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

/** Polls checkDeployStatus until done; answers the last `<result>` text. */
export async function waitForDeploy(org: EmulatedOrg, id: string, includeDetails = true): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const { text } = await metadataCall(org, statusBody(id, includeDetails));
    if (member(text, 'done') === 'true') return text;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`deploy ${id} did not finish`);
}

/** The org's own body of a trigger (what a client retrieves before deploying it with another status). */
export const orgBody = (org: EmulatedOrg, name: string): string => org.org.automation.triggers.find((t) => t.name === name)!.body;

/** Times a quick test org uses: a deploy is done in some 60 ms. */
export const FAST = { queuedMs: 10, runMs: 30, testMs: 2 };
