// The only components a record body may use, with their attributes. Each maps to plain HTML in
// render.ts; nothing in a record ever becomes JavaScript.

export interface ComponentSpec {
  description: string;
  /** Attribute name -> whether it is required, and how a value is checked. */
  attributes: Record<string, { required: boolean; pattern?: RegExp; values?: readonly string[]; help: string }>;
  /** Whether the component wraps Markdown content. */
  children: boolean;
}

export const CALLOUT_KINDS = ['note', 'warning', 'tip'] as const;

export const COMPONENTS: Record<string, ComponentSpec> = {
  Callout: {
    description: 'A boxed note, warning or tip around Markdown content.',
    attributes: { kind: { required: false, values: CALLOUT_KINDS, help: 'note (default), warning or tip' } },
    children: true,
  },
  Sym: {
    description: 'A link to another symbol\'s page, shown as code: <Sym name="vma_alloc_folio" />.',
    attributes: { name: { required: true, pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, help: 'a C identifier' } },
    children: false,
  },
  Thread: {
    description: 'A link to a mailing-list message on lore.kernel.org: <Thread id="msgid@host">text</Thread>.',
    attributes: { id: { required: true, help: 'a Message-ID or lore.kernel.org link' } },
    children: true,
  },
  Commit: {
    description: 'A link to a mainline commit: <Commit id="cb10c28ac82c" />.',
    attributes: { id: { required: true, pattern: /^[0-9a-f]{7,40}$/, help: '7 to 40 lowercase hex digits' } },
    children: false,
  },
  Quote: {
    description: 'A short attributed quotation from a thread: <Quote from="Name" thread="msgid">text</Quote>.',
    attributes: {
      from: { required: true, help: 'who said it' },
      thread: { required: false, help: 'a Message-ID or lore.kernel.org link' },
    },
    children: true,
  },
};

/** Elements named in a rejection so the message says exactly what is wrong. */
export const DANGEROUS_ELEMENTS = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'frame',
  'frameset',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'svg',
  'math',
  'template',
  'portal',
  'applet',
  'img',
  'video',
  'audio',
]);

/** URL schemes a record may link to; anything else (javascript:, data:, vbscript:, file:) is refused. */
export const SAFE_URL_SCHEMES = ['http:', 'https:', 'mailto:'] as const;
