// The built fixture site lists every exported symbol where a reader looks for it: each export-type
// page, each namespace page and the A–Z pages hold exactly the snapshot's symbols (across their
// pages), and no listing shows `${…}` or a raw `a|b` alternative. The fixture is copied with rows
// that reproduce the notations the kernel writes: a wrapper whose namespace depends on configuration
// (ACPI|CXL), EXPORT_SYMBOL_FOR_KVM's module list with its unresolved ${KVM_SUB_MODULES}, and a symbol
// exported with another type on another architecture.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, FIXTURE_SITE, TEST_LISTING_PAGE_SIZE, type BuiltSite } from '../helpers/site.ts';
import { loadSnapshots } from '../../src/lib/records/load.ts';
import { azIndex, EXPORTED_TYPES, namespaceListings, typeListings } from '../../src/lib/site/listings.ts';
import { checkLinks } from '../../src/lib/site/links.ts';
import { letterSlug } from '../../src/lib/urls.ts';
import type { Snapshot } from '../../src/lib/kernel/snapshot.ts';

const EXTRA_ROWS = [
  ['fw_table_fixture', 'EXPORT_SYMBOL_FWTBL_LIB', 'ACPI|CXL', 'lib/fw_table.c', '10'],
  ['kvm_vcpu_fixture', 'EXPORT_SYMBOL_FOR_KVM', 'module:kvm,${KVM_SUB_MODULES}|module:kvm', 'virt/kvm/kvm_main.c', '100'],
  ['kvm_sub_fixture', 'EXPORT_SYMBOL_FOR_KVM_INTERNAL', 'module:${KVM_SUB_MODULES}', 'arch/x86/kvm/x86.c', '50'],
  ['power_off_fixture', 'EXPORT_SYMBOL', '', 'arch/x86/kernel/reboot.c', '40'],
  ['power_off_fixture', 'EXPORT_SYMBOL_GPL', '', 'arch/arm64/kernel/process.c', '30'],
];

let tmp: string;
let content: string;
let site: BuiltSite;
let latest: Snapshot;
let records: string[];

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-listings-'));
  content = path.join(tmp, 'fixture');
  fs.cpSync(FIXTURE_SITE, content, { recursive: true });
  fs.appendFileSync(path.join(content, 'content/snapshots/v6.19.tsv'), EXTRA_ROWS.map((r) => r.join('\t') + '\n').join(''));
  latest = loadSnapshots(content).at(-1)!;
  records = fs.readdirSync(path.join(content, 'content/exports')).map((f) => f.replace(/\.mdx$/, ''));
  site = buildSite(content);
});
afterAll(() => {
  site?.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The pages of a paginated listing below `dir` (`types/EXPORT_SYMBOL_GPL`): index.html, then 2/, 3/ … */
function listingPages(dir: string): string[] {
  const full = path.join(site.dir, dir);
  const more = fs
    .readdirSync(full)
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .sort((a, b) => a - b);
  expect(more).toEqual(more.map((_, i) => i + 2));
  return [`${dir}/index.html`, ...more.map((n) => `${dir}/${n}/index.html`)].map((p) => site.read(p));
}

/** The symbols a listing page lists (its `sym-list`), in order. */
function listed(html: string): string[] {
  const list = /<ul class="sym-list[^"]*">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>(?:<a href="[^"]*">)?<code>([^<]+)<\/code>/g)].map((m) => m[1]!);
}

/**
 * Raw notation in what a reader sees (text, and attribute values other than form values, which carry
 * Pagefind's filter values): `${…}`, `a|b` alternatives, `module:` lists.
 */
function rawNotation(page: string): string[] {
  const html = page.replace(/<script\b[\s\S]*?<\/script>/g, '');
  const attributes = [...html.matchAll(/\s(?!value=)[\w-]+="([^"]*)"/g)].map((m) => m[1]).join(' ');
  return [...`${text(html)} ${attributes}`.matchAll(/\$\{|[A-Z0-9_]+\|[A-Z0-9_:]+|module:[\w$]/g)].map((m) => m[0]);
}

const allListed = (dir: string) => listingPages(dir).flatMap(listed);
/** What a reader sees: scripts dropped, tags as spaces, the entities Astro writes decoded. */
const text = (html: string) =>
  html
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('listings of the built fixture site', () => {
  it('lists on each export-type page every symbol the snapshot exports that way, across its pages', () => {
    const types = typeListings(latest, () => true);
    for (const type of EXPORTED_TYPES) {
      const expected = types.find((t) => t.type === type)!.symbols.map((s) => s.symbol);
      expect(allListed(`types/${type}`), type).toEqual(expected);
    }
    // The fixture's 40 pci_msi symbols make EXPORT_SYMBOL_GPL span several pages.
    const gpl = listingPages('types/EXPORT_SYMBOL_GPL');
    expect(gpl.length).toBeGreaterThan(1);
    for (const page of gpl) expect(listed(page).length).toBeLessThanOrEqual(TEST_LISTING_PAGE_SIZE);
    expect(text(gpl[1]!)).toContain(`Page 2 of ${gpl.length}.`);
    // Records stay on the first page.
    expect(gpl[0]).toContain('class="record-list"');
    expect(gpl[1]).not.toContain('class="record-list"');
  });

  it('marks a symbol exported with different types on different architectures under each type', () => {
    const where = (type: string) =>
      /<code>power_off_fixture<\/code><\/a><span class="where"> ([^<]*)<\/span>/.exec(listingPages(`types/${type}`).join(''))?.[1];
    expect(where('EXPORT_SYMBOL')).toBe('x86 only');
    expect(where('EXPORT_SYMBOL_GPL')).toBe('arm64 only');
  });

  it('gives every namespace of the latest snapshot a page with its symbols, records and import lines', () => {
    const namespaces = namespaceListings(loadSnapshots(content), [], [], () => true);
    for (const ns of namespaces) expect(allListed(`namespaces/${ns.slug}`), ns.name).toEqual(ns.symbols.map((s) => s.symbol));
    const dma = site.read('namespaces/dma_buf/index.html');
    expect(dma).toContain('<td><code>MODULE_IMPORT_NS(&quot;DMA_BUF&quot;);</code></td>');
    // FIXTURE_NS is in v6.1 only: the bare token of that release, and its records.
    const fixture = site.read('namespaces/fixture_ns/index.html');
    expect(fixture).toContain('<td><code>MODULE_IMPORT_NS(FIXTURE_NS);</code></td>');
    expect(fixture).not.toContain('MODULE_IMPORT_NS(&quot;FIXTURE_NS&quot;)');
    expect(text(fixture)).toMatch(/Records beta_ns .* epsilon_ns/);
    const index = text(site.read('namespaces/index.html'));
    expect(index).toContain('ACPI 1 0');
    expect(index).toContain('CXL 1 0');
    expect(index).toContain('DMA_BUF 1 0');
  });

  it('lists a symbol with namespace alternatives under each, "depends on configuration"', () => {
    for (const ns of ['acpi', 'cxl']) {
      expect(site.read(`namespaces/${ns}/index.html`)).toContain(
        '<li><a href="/symbols/fw_table_fixture/"><code>fw_table_fixture</code></a><span class="where"> GPL-only; depends on configuration</span></li>',
      );
    }
    const nsGpl = listingPages('types/EXPORT_SYMBOL_NS_GPL').join('');
    expect(nsGpl).toContain(
      '<a class="ns" href="/namespaces/acpi/">ACPI</a> or <a class="ns" href="/namespaces/cxl/">CXL</a><span class="where"> depends on configuration</span>',
    );
  });

  it('groups module-restricted exports by module list, in words', () => {
    const index = text(site.read('namespaces/index.html'));
    expect(index).toContain(
      "Module-restricted exports Exports only the named modules may use; no other module can import them. By the modules allowed: KVM and its vendor modules (the modules that KVM_SUB_MODULES lists in the build's configuration) 1 symbol",
    );
    expect(index).toContain("the modules that KVM_SUB_MODULES lists in the build's configuration 1 symbol");
    expect(index).toContain('the module kvm 0 symbols, 1 record');
    const group = site.read('namespaces/module-kvm-kvm_sub_modules/index.html');
    expect(text(group)).toContain(
      "Exports restricted to KVM and its vendor modules (the modules that KVM_SUB_MODULES lists in the build's configuration)",
    );
    expect(listed(group)).toEqual(['kvm_vcpu_fixture']);
    expect(listed(site.read('namespaces/module-kvm_sub_modules/index.html'))).toEqual(['kvm_sub_fixture']);
  });

  it('covers every exported symbol and every record in the A–Z pages, by letter, with links between them', () => {
    const letters = azIndex(latest, [], () => true);
    const seen: string[] = [];
    for (const dir of fs.readdirSync(path.join(site.dir, 'a-z'))) seen.push(...allListed(`a-z/${dir}`));
    const expected = new Set([...latest.rows.map((r) => r.symbol), ...records]);
    expect(seen.length).toBe(expected.size);
    expect(new Set(seen)).toEqual(expected);
    expect(letters.length).toBeGreaterThan(5);
    // P holds the 40 pci_msi_fixture symbols: several pages, linked both ways.
    const p = listingPages(`a-z/${letterSlug('P')}`);
    expect(p.length).toBeGreaterThan(1);
    expect(p[0]).toContain('<a href="/a-z/p/2/" rel="next">Next</a>');
    expect(p[1]).toContain('<a href="/a-z/p/" rel="prev">Previous</a>');
    expect(p[1]).toContain('<a href="/a-z/a/">A</a>');
    // Records carry their tier; a removed record is listed though no snapshot exports it.
    expect(site.read('a-z/g/index.html')).toContain(
      '<li><a href="/symbols/gamma_removed/"><code>gamma_removed</code></a><span class="where"> not exported in v6.19</span> <a class="badge tier tier-removed" href="/status/removed/">removed</a></li>',
    );
    // The entry: every letter with its count, and the form without JavaScript leads there.
    const entry = site.read('symbols/index.html');
    expect(text(entry)).toContain(
      `Every symbol exported in v6.19 (${new Set(latest.rows.map((r) => r.symbol)).size}) and every decision record (${records.length})`,
    );
    for (const l of letters) expect(entry).toContain(`href="/a-z/${letterSlug(l.letter)}/"`);
    expect(site.read('index.html')).toContain(
      '<form class="search-form" role="search" aria-label="Symbols" action="/symbols/" method="get"',
    );
  });

  it('counts exported symbols per type on the home page beside the records', () => {
    const home = text(site.read('index.html'));
    const count = (type: string) => typeListings(latest, () => true).find((t) => t.type === type)!.symbols.length;
    expect(home).toContain(
      `Export type Exported symbols in v6.19 Records EXPORT_SYMBOL ${count('EXPORT_SYMBOL')} 1 EXPORT_SYMBOL_GPL ${count('EXPORT_SYMBOL_GPL')} 1 EXPORT_SYMBOL_NS 0 1 EXPORT_SYMBOL_NS_GPL ${count('EXPORT_SYMBOL_NS_GPL')} 1 EXPORT_SYMBOL_FOR_MODULES ${count('EXPORT_SYMBOL_FOR_MODULES')} 1 unexported — 1`,
    );
  });

  it('shows no ${…} placeholder, raw a|b alternative or module: list on any page', () => {
    const pages = fs
      .readdirSync(site.dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.html'))
      .map((e) => path.relative(site.dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    expect(pages.length).toBeGreaterThan(40);
    const raw = pages.flatMap((page) => rawNotation(site.read(page)).map((hit) => `${page}: ${hit}`));
    expect(raw).toEqual([]);
    // The check is not vacuous.
    expect(rawNotation('<td><code>ACPI|CXL</code></td><td>module:kvm,${KVM_SUB_MODULES}</td><a title="module:kvm">')).toEqual([
      'ACPI|CXL',
      'module:k',
      '${',
      'module:k',
    ]);
    expect(rawNotation('<option value="module:kvm">only the module kvm</option><script>/^(INPUT|TEXTAREA)$/</script>')).toEqual([]);
  });

  it('has no broken internal link', () => {
    expect(checkLinks(site.dir, '/').broken).toEqual([]);
  });
});
