import { describe, expect, it } from 'vitest';
import { isMessageId, loreUrl, normalizeThreadRef } from '../../src/lib/lore.ts';

const ID = '20190626123623.GU17798@dhcp22.suse.cz';
const URL_OF_ID = `https://lore.kernel.org/r/${ID}`;

describe('normalizeThreadRef accepts', () => {
  it.each([
    ['a bare Message-ID', ID, ID, URL_OF_ID],
    ['<Message-ID>', `<${ID}>`, ID, URL_OF_ID],
    ['surrounding whitespace', `  <${ID}>\n`, ID, URL_OF_ID],
    ['a mid: prefix', `mid:${ID}`, ID, URL_OF_ID],
    ['a Message-ID: prefix', `Message-ID: <${ID}>`, ID, URL_OF_ID],
    [
      '"/" and "+" in the id, percent-encoded in the URL',
      'abc/def+ghi@example.org',
      'abc/def+ghi@example.org',
      'https://lore.kernel.org/r/abc%2Fdef%2Bghi@example.org',
    ],
    [
      '"%", "#" and "?" in the id, percent-encoded in the URL',
      'a%b#c?d@example.org',
      'a%b#c?d@example.org',
      'https://lore.kernel.org/r/a%25b%23c%3Fd@example.org',
    ],
    ['a lore /r/<id> link', URL_OF_ID, ID, URL_OF_ID],
    ['a lore /<list>/<id>/ link', `https://lore.kernel.org/linux-mm/${ID}/`, ID, URL_OF_ID],
    ['a lore /all/<id>/T/#u link', `https://lore.kernel.org/all/${ID}/T/#u`, ID, URL_OF_ID],
    ['a thread-view link with a fragment', `https://lore.kernel.org/lkml/${ID}/t/#m0123`, ID, URL_OF_ID],
    ['an http: lore link', `http://lore.kernel.org/r/${ID}`, ID, URL_OF_ID],
    ['a lore link without its scheme', `lore.kernel.org/linux-mm/${ID}/`, ID, URL_OF_ID],
    [
      'a percent-encoded id in a lore link',
      'https://lore.kernel.org/all/abc%2Fdef%2Bghi@example.org/',
      'abc/def+ghi@example.org',
      'https://lore.kernel.org/r/abc%2Fdef%2Bghi@example.org',
    ],
    [
      'an encoded @ in a lore link',
      'https://lore.kernel.org/r/abc%40example.org',
      'abc@example.org',
      'https://lore.kernel.org/r/abc@example.org',
    ],
    ['a domain literal on the right', 'abc@[127.0.0.1]', 'abc@[127.0.0.1]', 'https://lore.kernel.org/r/abc@[127.0.0.1]'],
  ])('%s', (_, input, messageId, url) => {
    expect(normalizeThreadRef(input)).toEqual({ ok: true, messageId, url });
  });

  it('round-trips: the URL it makes normalises to the same id and URL', () => {
    for (const id of [ID, 'abc/def+ghi@example.org', 'a%b#c?d@example.org']) {
      const first = normalizeThreadRef(id);
      expect(first.ok).toBe(true);
      if (first.ok) expect(normalizeThreadRef(first.url)).toEqual(first);
    }
  });
});

describe('normalizeThreadRef rejects', () => {
  it.each([
    ['an empty string', '', 'is empty'],
    ['whitespace only', '   ', 'is empty'],
    ['a non-lore host', 'https://lkml.org/lkml/2019/6/26/123', 'must be a lore.kernel.org link or a Message-ID (got host "lkml.org")'],
    [
      'a look-alike host',
      `https://lore.kernel.org.evil.example/r/${ID}`,
      'must be a lore.kernel.org link or a Message-ID (got host "lore.kernel.org.evil.example")',
    ],
    [
      'a non-lore host without scheme',
      'lkml.org/lkml/2019/6/26/123',
      'must be a lore.kernel.org link or a Message-ID (got host "lkml.org")',
    ],
    [
      'a lore link with no id',
      'https://lore.kernel.org/all/?q=alloc_pages_vma',
      'has no Message-ID in its path (got "https://lore.kernel.org/all/?q=alloc_pages_vma")',
    ],
    ['an unparseable URL', 'https://lore.kernel.org:99999/r/x@y', 'is not a valid URL (got "https://lore.kernel.org:99999/r/x@y")'],
    ['words', 'not a message id', 'is not a well-formed Message-ID (got "not a message id")'],
    ['no @', 'abcdef', 'is not a well-formed Message-ID (got "abcdef")'],
    ['nothing before @', '@example.org', 'is not a well-formed Message-ID (got "@example.org")'],
    ['nothing after @', 'abc@', 'is not a well-formed Message-ID (got "abc@")'],
    ['two @', 'a@b@example.org', 'is not a well-formed Message-ID (got "a@b@example.org")'],
    ['a space inside', 'abc def@example.org', 'is not a well-formed Message-ID (got "abc def@example.org")'],
    ['an unclosed <', '<abc@example.org', 'is not a well-formed Message-ID (got "<abc@example.org")'],
    ['a leading dot', '.abc@example.org', 'is not a well-formed Message-ID (got ".abc@example.org")'],
    ['two dots in a row', 'a..b@example.org', 'is not a well-formed Message-ID (got "a..b@example.org")'],
    ['javascript:', 'javascript:alert(1)', 'is not a well-formed Message-ID (got "javascript:alert(1)")'],
  ])('%s', (_, input, reason) => {
    expect(normalizeThreadRef(input)).toEqual({ ok: false, reason });
  });
});

describe('helpers', () => {
  it('isMessageId', () => {
    expect(isMessageId(ID)).toBe(true);
    expect(isMessageId('no-at-sign')).toBe(false);
  });

  it('loreUrl escapes only what lore escapes', () => {
    expect(loreUrl('a/b+c@d')).toBe('https://lore.kernel.org/r/a%2Fb%2Bc@d');
    expect(loreUrl("x!$&'*=^_`{|}~-@d")).toBe("https://lore.kernel.org/r/x!$&'*=^_`{|}~-@d");
  });
});
