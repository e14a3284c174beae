// Message-IDs and lore.kernel.org links. A thread may be given as a bare Message-ID,
// as <Message-ID>, or as any lore URL; it is stored as https://lore.kernel.org/r/<id>.

const LORE_ORIGIN = 'https://lore.kernel.org';

// RFC 5322 dot-atom characters on both sides of the @ (id-right may also be a [literal]).
const ATOM = "A-Za-z0-9!#$%&'*+/=?^_`{|}~.-";
const MESSAGE_ID = new RegExp(`^[${ATOM}]+@(?:[${ATOM}]+|\\[[^\\]\\s]*\\])$`);

export function isMessageId(id: string): boolean {
  return MESSAGE_ID.test(id) && !id.startsWith('.') && !id.includes('..');
}

/** lore's own encoding: the id is one path segment, so '/' and '+' (and URL syntax) are escaped. */
export function loreUrl(messageId: string): string {
  const encoded = messageId.replace(/[%/+#?]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `${LORE_ORIGIN}/r/${encoded}`;
}

export type ThreadRefResult = { ok: true; messageId: string; url: string } | { ok: false; reason: string };

/** Accepts a bare id, <id>, mid:/id:/message-id: prefixes, or a lore.kernel.org URL. */
export function normalizeThreadRef(input: string): ThreadRefResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'is empty' };
  // A link pasted without its scheme (lore.kernel.org/r/…) is a link, not a Message-ID holding a '/'.
  const raw = /^(?:[a-z0-9-]+\.)+[a-z]{2,}\//i.test(trimmed) ? `https://${trimmed}` : trimmed;
  let id: string | undefined;
  if (/^https?:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, reason: `is not a valid URL (got "${raw}")` };
    }
    if (url.hostname !== 'lore.kernel.org') {
      return { ok: false, reason: `must be a lore.kernel.org link or a Message-ID (got host "${url.hostname}")` };
    }
    // /r/<id>, /all/<id>/, /<list>/<id>/T/#u ... : the id is the first segment holding an '@'.
    const segment = url.pathname.split('/').find((part) => safeDecode(part).includes('@'));
    if (!segment) return { ok: false, reason: `has no Message-ID in its path (got "${raw}")` };
    id = safeDecode(segment);
  } else {
    id = raw.replace(/^(?:mid|id|message-id):\s*/i, '').replace(/^<(.*)>$/, '$1');
  }
  if (!isMessageId(id)) return { ok: false, reason: `is not a well-formed Message-ID (got "${id}")` };
  return { ok: true, messageId: id, url: loreUrl(id) };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Written as the thread of a record started from the code alone; not a Message-ID, so `npm run validate` refuses it until the real message is in. */
export const THREAD_PLACEHOLDER = 'TODO-Message-ID-of-the-decision';
