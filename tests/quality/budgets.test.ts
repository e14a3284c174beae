// Weight and links of every built page of the fixture site, under a non-root base path: what a
// reader downloads (JavaScript, CSS, a record page's HTML, gzipped) stays within the budgets the
// README names, no client framework runtime ships, and every link and #anchor resolves.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, FIXTURE_SITE, type BuiltSite } from '../helpers/site.ts';
import { TEMPLATE_PAGES } from '../helpers/templates.ts';
import { checkLinks } from '../../src/lib/site/links.ts';
import { BUDGETS, frameworkRuntime, overBudget, pageWeight, type PageWeight } from '../../src/lib/site/weight.ts';
import { EXPORT_TYPES, TIERS } from '../../src/lib/vocabulary.ts';

const BASE = '/kernel-exports/';

let site: BuiltSite;
let weights: PageWeight[];
let records: Set<string>;

function htmlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name));
}

beforeAll(() => {
  site = buildSite(FIXTURE_SITE, { base: BASE });
  weights = htmlFiles(site.dir)
    .sort()
    .map((f) => pageWeight(site.dir, f, BASE));
  records = new Set(fs.readdirSync(path.join(FIXTURE_SITE, 'content/exports')).map((f) => `symbols/${f.replace(/\.mdx$/, '')}/`));
});
afterAll(() => site?.cleanup());

const kb = (n: number) => (n / 1024).toFixed(1);

describe('page weight', () => {
  it('keeps every page within the JavaScript, CSS and HTML budgets (gzipped)', () => {
    // The figures per template, for the report (and the README).
    const shown = new Map<string, PageWeight>();
    for (const t of TEMPLATE_PAGES) {
      const key = t.name.startsWith('404') ? '404.html' : t.path.replace(/\?.*$/, '');
      const w = weights.find((x) => x.page === key);
      expect(w, t.path).toBeDefined();
      shown.set(t.name, w!);
    }
    console.log(
      [
        'template | HTML | JS | CSS (KB gzipped)',
        ...[...shown].map(([name, w]) => `${name} | ${kb(w.html)} | ${kb(w.js)} | ${kb(w.css)}`),
      ].join('\n'),
    );
    const over = weights.flatMap((w) => overBudget(w, records.has(w.page)));
    expect(over).toEqual([]);
    expect(weights.length).toBeGreaterThan(80);
  });

  it('counts what a page loads: linked and imported modules, inline code, the stylesheet', () => {
    const search = weights.find((w) => w.page === 'search/')!;
    // The search script and the shard helpers it imports; the index's JSON is fetched on use and not counted.
    expect(search.scripts.length).toBeGreaterThanOrEqual(2);
    expect(search.js).toBeGreaterThan(2000);
    const notFound = weights.find((w) => w.page === '404.html')!;
    expect(notFound.scripts.filter((s) => s !== 'inline').length).toBeGreaterThanOrEqual(1);
    const record = weights.find((w) => w.page === 'symbols/beta_ns/')!;
    expect(record.styles).toHaveLength(1);
    expect(record.css).toBeGreaterThan(1500);
    expect(record.html).toBeLessThan(BUDGETS.recordHtml);
  });

  it('fails with the figures when a budget is exceeded', () => {
    const heavy: PageWeight = {
      page: 'symbols/x/',
      html: 31 * 1024,
      js: 12 * 1024,
      css: 21 * 1024,
      scripts: ['_astro/a.js'],
      styles: ['_astro/a.css'],
    };
    expect(overBudget(heavy, true)).toEqual([
      'symbols/x/: JavaScript 12.0 KB gzipped > 10.0 KB (_astro/a.js)',
      'symbols/x/: CSS 21.0 KB gzipped > 20.0 KB (_astro/a.css)',
      'symbols/x/: HTML 31.0 KB gzipped > 30.0 KB',
    ]);
    // Every page's HTML has the same 30 KB budget (listings are paginated to stay within it).
    expect(overBudget(heavy, false)).toHaveLength(3);
    expect(overBudget({ ...heavy, html: 29 * 1024 }, false)).toHaveLength(2);
  });

  it('ships no client framework runtime', () => {
    const found: string[] = [];
    for (const f of htmlFiles(site.dir)) {
      const hit = frameworkRuntime(fs.readFileSync(f, 'utf8'));
      if (hit) found.push(`${path.relative(site.dir, f)}: ${hit}`);
    }
    for (const f of fs.readdirSync(path.join(site.dir, '_astro')).filter((f) => f.endsWith('.js'))) {
      const hit = frameworkRuntime(fs.readFileSync(path.join(site.dir, '_astro', f), 'utf8'));
      if (hit) found.push(`_astro/${f}: ${hit}`);
    }
    expect(found).toEqual([]);
    expect(frameworkRuntime('<astro-island uid="x">')).toBe('<astro-island');
  });
});

describe('links of every template', () => {
  it('builds a page of every template, and every internal link and #anchor resolves below the base path', () => {
    const pages = new Set(weights.map((w) => w.page));
    for (const t of TEMPLATE_PAGES) if (!t.name.startsWith('404')) expect(pages.has(t.path.replace(/\?.*$/, '')), t.path).toBe(true);
    for (const tier of TIERS) expect(pages.has(`status/${tier}/`)).toBe(true);
    for (const type of EXPORT_TYPES) expect(pages.has(`types/${type}/`)).toBe(true);
    // A record page of every tier and of every export type.
    const recordPages = [...records].map((p) => site.read(`${p}index.html`));
    for (const tier of TIERS)
      expect(
        recordPages.some((h) => h.includes(`class="badge tier tier-${tier}" href="${BASE}status/${tier}/"`)),
        tier,
      ).toBe(true);
    for (const type of EXPORT_TYPES)
      expect(
        recordPages.some((h) => h.includes(`href="${BASE}types/${type}/">${type}</a>`)),
        type,
      ).toBe(true);

    const result = checkLinks(site.dir, BASE);
    expect(result.broken).toEqual([]);
    expect(result.links).toBeGreaterThan(2000);
  });

  it('gives the 404 page only absolute links (or #anchors), since it is served at any address', () => {
    const html = site.read('404.html');
    const hrefs = [...html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(10);
    expect(hrefs.filter((h) => !h.startsWith(BASE) && !h.startsWith('#') && !/^https?:\/\//.test(h))).toEqual([]);
  });

  it('finds a broken form action and a malformed external link (the check is not vacuous)', () => {
    const dir = fs.mkdtempSync(path.join(site.dir, '..', 'links-'));
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      '<form action="/nowhere/"></form><a href="https://lore.kernel.org/r/x@y">ok</a><a href="https:///x">no host</a><a href="https://lore.kernel.org/r/a b">space</a><a href="javascript:alert(1)">js</a>',
    );
    expect(checkLinks(dir).broken.map((b) => [b.href, b.reason])).toEqual([
      ['/nowhere/', 'no such file in the build'],
      ['https:///x', 'no host name in https://x'],
      ['https://lore.kernel.org/r/a b', 'whitespace in URL'],
      ['javascript:alert(1)', 'unexpected scheme javascript:'],
    ]);
  });
});
