/**
 * A small XML reader for SOAP envelopes: elements with their namespace URI (prefixes resolved through
 * `xmlns` declarations), local name, attributes and text. Enough for what SOAP clients send (jsforce, WSC,
 * zeep); no DTDs, no processing beyond the XML declaration. Malformed input throws XmlError.
 */
export class XmlError extends Error {}

export type XmlElement = {
  /** Namespace URI ('' when none applies). */
  ns: string;
  /** Local name, prefix stripped. */
  name: string;
  /** Attributes by qualified name as written (`xsi:nil`). */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content of this element (not of its children). */
  text: string;
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return ENTITIES[ref] ?? whole;
  });
}

export function encodeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Open = { element: XmlElement; qname: string; scope: Map<string, string> };

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses a document and answers its root element. */
export function parseXml(xml: string): XmlElement {
  const stack: Open[] = [];
  let root: XmlElement | undefined;
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const text = xml.slice(at, lt === -1 ? xml.length : lt);
    if (stack.length > 0) stack[stack.length - 1].element.text += decodeXmlText(text);
    else if (text.trim() !== '') throw new XmlError('text outside the root element');
    if (lt === -1) break;
    if (xml.startsWith('<?', lt)) at = skipPast(xml, lt, '?>');
    else if (xml.startsWith('<!--', lt)) at = skipPast(xml, lt, '-->');
    else if (xml.startsWith('<![CDATA[', lt)) {
      const end = skipPast(xml, lt, ']]>');
      if (stack.length === 0) throw new XmlError('CDATA outside the root element');
      stack[stack.length - 1].element.text += xml.slice(lt + 9, end - 3);
      at = end;
    } else {
      TAG.lastIndex = lt;
      const m = TAG.exec(xml);
      if (!m) throw new XmlError(`malformed tag at offset ${lt}`);
      at = TAG.lastIndex;
      const [, closing, qname, attributeText, selfClosing] = m;
      if (closing) {
        const open = stack.pop();
        if (open?.qname !== qname) throw new XmlError(`unexpected </${qname}>`);
        continue;
      }
      if (root && stack.length === 0) throw new XmlError('more than one root element');
      const opened = openElement(qname, attributeText, stack[stack.length - 1]?.scope);
      if (stack.length > 0) stack[stack.length - 1].element.children.push(opened.element);
      else root = opened.element;
      if (!selfClosing) stack.push(opened);
    }
  }
  if (!root || stack.length > 0) throw new XmlError('incomplete document');
  return root;
}

function skipPast(xml: string, from: number, terminator: string): number {
  const end = xml.indexOf(terminator, from);
  if (end === -1) throw new XmlError('unterminated markup');
  return end + terminator.length;
}

function openElement(qname: string, attributeText: string, parentScope: Map<string, string> | undefined): Open {
  const attributes: Record<string, string> = {};
  const scope = new Map(parentScope);
  for (const a of attributeText.matchAll(ATTRIBUTE)) {
    const value = decodeXmlText(a[2] ?? a[3]);
    attributes[a[1]] = value;
    if (a[1] === 'xmlns') scope.set('', value);
    else if (a[1].startsWith('xmlns:')) scope.set(a[1].slice(6), value);
  }
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== '') throw new XmlError(`undeclared namespace prefix ${prefix}`);
  return { element: { ns: ns ?? '', name: qname.slice(colon + 1), attributes, children: [], text: '' }, qname, scope };
}

/** The first child with this local name (any namespace). */
export function childNamed(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((child) => child.name === name);
}
