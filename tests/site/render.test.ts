// The html`` template that renders symbol pages escapes every value from a record, which comes
// from an untrusted pull request; only markup marked raw (the checked body HTML) passes through.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { html, joined, raw } from '../../src/lib/render/html.ts';
import { recordPageHtml, type SymbolPageContext } from '../../src/lib/render/symbol-page.ts';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { FIXTURE_SITE } from '../helpers/site.ts';

describe('html template', () => {
  it('escapes text as Astro does, and attribute values for their quotes', () => {
    const evil = `<script>alert('x')</script> & "q"`;
    expect(html`<p>${evil}</p>`.value).toBe('<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>');
    expect(html`<a title="${evil}">x</a>`.value).toBe(`<a title="<script>alert('x')</script> &amp; &quot;q&quot;">x</a>`);
    // A value inside a partly written attribute value is still inside the attribute.
    expect(html`<a class="badge tier-${'a" onclick="x'}">x</a>`.value).toBe('<a class="badge tier-a&quot; onclick=&quot;x">x</a>');
  });

  it('joins arrays, drops false, null and undefined, and passes raw markup and nested templates through', () => {
    expect(html`<ul>${['a', 'b'].map((s) => html`<li>${s}</li>`)}</ul>`.value).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(html`${false}${null}${undefined}${0}`.value).toBe('0');
    expect(html`${raw('<em>kept</em>')}${'<em>'}`.value).toBe('<em>kept</em>&lt;em&gt;');
    expect(html`${joined(['a', 'b', 'c'], ', ')}`.value).toBe('a, b, c');
  });
});

describe('record page', () => {
  it('shows hostile frontmatter text as text', () => {
    const file = path.join(FIXTURE_SITE, 'content/exports/alpha_stable.mdx');
    const parsed = parseRecordFile('content/exports/alpha_stable.mdx', fs.readFileSync(file), sitePaths('/'));
    const data = { ...parsed.data!, summary: '<img src=x onerror=alert(1)> "quoted"', reason: '</dd><script>alert(2)</script>' };
    const ctx: SymbolPageContext = {
      paths: sitePaths('/'),
      stylesheet: '/site.css',
      known: new Set(),
      snapshotIndexes: [],
      latestSnapshot: undefined,
      today: '2026-12-01',
    };
    const page = recordPageHtml({ data, html: parsed.html!, sourcePath: 'content/exports/alpha_stable.mdx' }, ctx);
    // Inside a quoted attribute only & and " need escaping (as Astro writes it); nowhere else may the tag appear.
    const description = '<meta name="description" content="<img src=x onerror=alert(1)> &quot;quoted&quot;">';
    expect(page.replace(description, '')).not.toContain('<img');
    expect(page).not.toContain('<script>alert(2)');
    expect(page).toContain('<p class="lede">&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;</p>');
    expect(page).toContain(description);
    expect(page).toContain(`<section class="prose" aria-label="Rationale">${parsed.html}</section>`);
  });
});
