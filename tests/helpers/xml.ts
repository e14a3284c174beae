// A small element tree from a real, strict XML parser (sax in strict mode with namespaces: it
// refuses what is not well-formed XML: unclosed or mismatched tags, bad entities, stray '<' or '&',
// text outside the root), so feeds and sitemaps are checked by parsing, not by pattern matching.
// `sax` comes with Astro's dependency tree (svgo); it should become a direct devDependency.
import sax from 'sax';

export interface XmlElement {
  /** Local name. */
  name: string;
  /** Namespace URI ('' for none). */
  uri: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text content directly inside this element (entities decoded). */
  text: string;
}

export function parseXml(xml: string): { root: XmlElement; declaration: string | undefined } {
  const parser = sax.parser(true, { xmlns: true, strictEntities: true, trim: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let declaration: string | undefined;
  let error: Error | undefined;
  parser.onerror = (e: Error) => {
    error ??= e;
    parser.error = null;
  };
  parser.onprocessinginstruction = (pi: { name: string; body: string }) => {
    if (pi.name === 'xml') declaration = pi.body;
  };
  parser.onopentag = (tag: {
    local: string;
    uri: string;
    attributes: Record<string, { value: string; local: string; prefix: string }>;
  }) => {
    const attributes: Record<string, string> = {};
    for (const [name, attr] of Object.entries(tag.attributes))
      if (attr.prefix !== 'xmlns' && name !== 'xmlns') attributes[name] = attr.value;
    const el: XmlElement = { name: tag.local, uri: tag.uri, attributes, children: [], text: '' };
    if (stack.length) stack.at(-1)!.children.push(el);
    else if (root) error ??= new Error('more than one root element');
    else root = el;
    stack.push(el);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (t: string) => {
    if (stack.length) stack.at(-1)!.text += t;
    else if (t.trim()) error ??= new Error(`text outside the root element: ${t.trim().slice(0, 40)}`);
  };
  parser.oncdata = (t: string) => {
    if (stack.length) stack.at(-1)!.text += t;
  };
  parser.write(xml).close();
  if (error) throw error;
  if (!root) throw new Error('no root element');
  return { root, declaration };
}

export const child = (el: XmlElement, name: string) => el.children.find((c) => c.name === name);
export const childrenNamed = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
