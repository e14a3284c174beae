// Builds the fixture content with the real Astro build and checks the pages a reader gets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, failingBuild, FIXTURE_SITE, type BuiltSite } from '../helpers/site.ts';
import { checkLinks } from '../../src/lib/site/links.ts';
import { TIERS, EXPORT_TYPES } from '../../src/lib/vocabulary.ts';

let site: BuiltSite;
beforeAll(() => {
  site = buildSite(FIXTURE_SITE);
});
afterAll(() => site?.cleanup());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('site build of the fixture records', () => {
  it('builds a page per record and per listing', () => {
    for (const symbol of ['alpha_stable', 'beta_ns', 'gamma_removed', 'delta_mods']) {
      expect(fs.existsSync(path.join(site.dir, 'symbols', symbol, 'index.html')), symbol).toBe(true);
    }
    for (const tier of TIERS) expect(fs.existsSync(path.join(site.dir, 'status', tier, 'index.html'))).toBe(true);
    for (const type of EXPORT_TYPES) expect(fs.existsSync(path.join(site.dir, 'types', type, 'index.html'))).toBe(true);
    for (const page of [
      'index.html',
      'symbols/index.html',
      'subsystems/index.html',
      'subsystems/x86-fpu/index.html',
      'namespaces/index.html',
      'namespaces/fixture_ns/index.html',
      'namespaces/module-kvm/index.html',
      '404.html',
    ]) {
      expect(fs.existsSync(path.join(site.dir, page)), page).toBe(true);
    }
  });

  it('shows title, badges, facts and threads on a record page', () => {
    const html = site.read('symbols/gamma_removed/index.html');
    expect(html).toContain('<title>gamma_removed · Kernel Export Decisions</title>');
    expect(html).toMatch(/<h1[^>]*><code>gamma_removed<\/code><\/h1>/);
    expect(html).toContain('<a class="badge tier tier-removed" href="/status/removed/">removed</a>');
    expect(html).toContain('<a class="badge type type-none" href="/types/unexported/">unexported</a>');
    expect(text(html)).toContain('Use instead alpha_stable');
    expect(html).toContain('<a href="/symbols/alpha_stable/"><code>alpha_stable</code></a>');
    expect(html).toContain('href="https://lore.kernel.org/r/gamma@example.invalid"');
    expect(text(html)).toContain('2020-02-21 v5.7 unexported removed Export withdrawn.');
    expect(html).toContain(
      'href="https://github.com/kernel-export-decisions/kernel-export-decisions/edit/main/content/exports/gamma_removed.mdx"',
    );
  });

  it('states the licence plainly and gives the MODULE_IMPORT_NS line for namespaced exports', () => {
    const ns = site.read('symbols/beta_ns/index.html');
    expect(text(ns)).toContain('GPL-only: usable only by modules whose MODULE_LICENSE is GPL-compatible.');
    expect(ns).toContain('<pre class="copyable"><code>MODULE_IMPORT_NS(&quot;FIXTURE_NS&quot;);</code></pre>');
    expect(ns).toContain('href="https://lore.kernel.org/r/beta%2Bns%2F1@example.invalid"');
    const mods = site.read('symbols/delta_mods/index.html');
    expect(text(mods)).toContain('Only the module kvm may use this symbol');
    expect(mods).toContain('href="/namespaces/module-kvm/"');
    expect(text(site.read('symbols/alpha_stable/index.html'))).toContain('GPL-only');
  });

  it('renders the allowlisted components to plain HTML', () => {
    const html = site.read('symbols/beta_ns/index.html');
    expect(html).toContain(
      '<aside class="callout callout-warning" aria-label="Warning"><p class="callout-label">Warning</p>\n<p>Read the <strong>thread</strong> first.</p>\n</aside>',
    );
    expect(html).toContain('<a class="sym" href="/symbols/alpha_stable/"><code>alpha_stable</code></a>');
    expect(html).toContain('<a href="https://lore.kernel.org/r/beta-reply@example.invalid" rel="nofollow noopener">the reply</a>');
    expect(html).toContain(
      '<a href="https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=0123456789ab" rel="nofollow noopener"><code>0123456789ab</code></a>',
    );
    expect(html).toContain(
      '<figcaption>— <a href="https://lore.kernel.org/r/beta-reply@example.invalid" rel="nofollow noopener">A Maintainer</a></figcaption>',
    );
    expect(html).toContain('<td>EXPORT_SYMBOL_NS_GPL</td>');
    const prose = html.slice(html.indexOf('<section class="prose"'), html.indexOf('</section>', html.indexOf('<section class="prose"')));
    expect(prose).toContain('Escaped {braces} and &lt;b&gt; brackets stay text.');
    expect(prose).not.toMatch(/<script|<b>/);
  });

  it('lists records on tier, type, subsystem and namespace pages, and mechanisms on type pages', () => {
    expect(text(site.read('status/testing/index.html'))).toMatch(/2 records.*beta_ns.*delta_mods/);
    expect(text(site.read('types/EXPORT_SYMBOL_NS_GPL/index.html'))).toContain('Fixture namespaces introduced');
    expect(text(site.read('subsystems/x86-fpu/index.html'))).toContain('gamma_removed');
    expect(text(site.read('namespaces/fixture_ns/index.html'))).toContain('beta_ns');
    const home = text(site.read('index.html'));
    expect(home).toMatch(/testing 2 .*stable 1 .*obsolete 2 .*removed 1/);
    // It leads with what a reader can use: the newest decisions, an honest count, the busiest releases.
    expect(home.indexOf('Latest decisions')).toBeLessThan(home.indexOf('Records by tier'));
    expect(home).toMatch(/\d+ decision records so far, for the \d[\d,]* symbols exported in v6\.19/);
    // Releases come from the fixture's history store (v5.15, v6.1, v6.1.20, v6.19).
    expect(home).toContain('Releases with the most export changes Release Compared with Added Removed Changed v6.19 v6.1.20 43 2 1');
    const az = site.read('symbols/index.html');
    expect(az.indexOf('alpha_stable')).toBeLessThan(az.indexOf('beta_ns'));
  });

  it('has no broken internal link', () => {
    const result = checkLinks(site.dir, '/');
    expect(result.pages).toBeGreaterThan(20);
    expect(result.broken).toEqual([]);
  });
});

describe('site build under a base path', () => {
  it('prefixes every internal link and leaves none broken', () => {
    const based = buildSite(FIXTURE_SITE, { base: '/kernel-exports/' });
    try {
      const html = based.read('symbols/beta_ns/index.html');
      expect(html).toContain('href="/kernel-exports/symbols/alpha_stable/"');
      // Releases, the export history, data files and feeds are linked under the base path too.
      expect(html).toContain('<a href="/kernel-exports/releases/">Releases v5.15 to v6.19</a>');
      expect(based.read('releases/v6.19/index.html')).toContain('href="/kernel-exports/releases/v6.19/drivers-pci/"');
      expect(based.read('index.html')).toContain('<a href="/kernel-exports/feeds/all.xml">Atom feed</a>');
      expect(based.read('data/index.html')).toContain('href="/kernel-exports/api/v1/schema.json"');
      expect(based.read('sitemap.xml')).toContain('<loc>https://kernel-export-decisions.github.io/kernel-exports/sitemap-1.xml</loc>');
      expect(checkLinks(based.dir, '/kernel-exports/').broken).toEqual([]);
    } finally {
      based.cleanup();
    }
  });
});

describe('the link checker', () => {
  it('reports a missing page and a missing anchor', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-links-'));
    try {
      fs.mkdirSync(path.join(dir, 'a'));
      fs.writeFileSync(
        path.join(dir, 'index.html'),
        '<a href="/a/">ok</a><a href="/b/">missing</a><a href="/a/#nope">anchor</a><a href="#top">self</a><p id="top"></p>',
      );
      fs.writeFileSync(path.join(dir, 'a', 'index.html'), '<h1 id="here">A</h1>');
      expect(checkLinks(dir).broken).toEqual([
        { page: '/index.html', href: '/b/', reason: 'no such file in the build' },
        { page: '/index.html', href: '/a/#nope', reason: 'no element with id "nope"' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the build refuses hostile records', () => {
  it('refuses every hostile fixture of the validator corpus, naming each with its rule', () => {
    const corpus = path.join(path.dirname(FIXTURE_SITE), 'bad-records');
    const hostile = fs.readdirSync(corpus).filter((f) => /^mdx_(?!h1|syntax)/.test(f) && f.endsWith('.mdx'));
    expect(hostile.length).toBeGreaterThanOrEqual(15);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-hostile-all-'));
    try {
      fs.mkdirSync(path.join(root, 'content/exports'), { recursive: true });
      for (const f of hostile) fs.copyFileSync(path.join(corpus, f), path.join(root, 'content/exports', f));
      const output = failingBuild(root);
      for (const f of hostile) expect(output, f).toMatch(new RegExp(`content/exports/${f}:\\d+:\\d+: error: .*\\[(mdx-|body-)`));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('stops with the validator message instead of running the record', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-hostile-'));
    try {
      fs.mkdirSync(path.join(root, 'content/exports'), { recursive: true });
      fs.writeFileSync(
        path.join(root, 'content/exports/evil.mdx'),
        '---\nsymbol: evil\nsummary: x\ntype: EXPORT_SYMBOL\nstatus: stable\nsubsystem: mm\ndate: 2020-01-01\nthreads: [evil@example.invalid]\n---\n\nexport const x = process.exit(7)\n\n<script>alert(1)</script>\n',
      );
      const output = failingBuild(root);
      expect(output).toContain('content/exports/evil.mdx:11:1: error: import/export statements are not allowed in a record body [mdx-esm]');
      expect(output).toContain('content/exports/evil.mdx:13:1: error: <script> is not allowed in a record body [mdx-forbidden-element]');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
