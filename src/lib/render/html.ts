// An `html` tagged template for pages rendered outside Astro's component pipeline (symbol pages,
// issue 6): every interpolated value is escaped unless it is already Html, so untrusted record
// text cannot become markup. Escaping matches Astro's: &<>'" in text, & and " inside a quoted
// attribute value, so the bytes equal those the components produced.

export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** Markup that is already safe: the body HTML rendered by src/lib/body, or a fixed script. */
export const raw = (markup: string): Html => new Html(markup);

export type Part = Html | string | number | false | null | undefined | readonly Part[];

const TEXT = /[&<>'"]/g;
const TEXT_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };
const ATTRIBUTE = /[&"]/g;
const ATTRIBUTE_ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;' };

export const escapeText = (text: string): string => text.replace(TEXT, (c) => TEXT_ENTITIES[c]!);
export const escapeAttribute = (text: string): string => text.replace(ATTRIBUTE, (c) => ATTRIBUTE_ENTITIES[c]!);

function flatten(part: Part, inAttribute: boolean): string {
  if (part === false || part === null || part === undefined) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map((p) => flatten(p, inAttribute)).join('');
  const text = String(part);
  return inAttribute ? escapeAttribute(text) : escapeText(text);
}

/** Whether template text ending here leaves an attribute value open (`href="` or `class="a b-`). */
function opensAttribute(text: string): boolean {
  const start = text.lastIndexOf('="');
  return start >= 0 && text.indexOf('"', start + 2) === -1;
}

/** Per template (one strings array per call site): which values sit inside an attribute value. */
const attributeValues = new WeakMap<TemplateStringsArray, boolean[]>();

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let inAttribute = attributeValues.get(strings);
  if (!inAttribute) attributeValues.set(strings, (inAttribute = strings.slice(0, -1).map(opensAttribute)));
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += flatten(values[i]!, inAttribute[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Items separated by `separator` (e.g. ", " between symbol links). */
export function joined(items: readonly Part[], separator: Part): Part[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [separator, item]));
}
