// The machine-readable side of the built fixture site, under a non-root base path: the JSON API
// (validated against the JSON Schema it publishes), the ABI text files (read back by the parser),
// the Atom feeds and sitemaps (read by a real XML parser), release pages and symbol timelines.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, FIXTURE_SITE, type BuiltSite } from '../helpers/site.ts';
import { validateJsonSchema } from '../helpers/json-schema.ts';
import { child, childrenNamed, parseXml, type XmlElement } from '../helpers/xml.ts';
import { checkLinks } from '../../src/lib/site/links.ts';
import { parseAbi, renderAbi, tierAbi } from '../../src/lib/abi.ts';
import { loadRecords } from '../../src/lib/records/load.ts';
import { fieldNames } from '../../src/lib/schema-walk.ts';
import { recordSchema } from '../../src/lib/schema.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { TIERS } from '../../src/lib/vocabulary.ts';
import { HISTORY_DIR } from '../../src/lib/history/store-files.ts';
import { readStore } from '../../src/lib/history/store-io.ts';
import { indexHistory } from '../../src/lib/history/timeline.ts';
import { shardFileName, shardFor } from '../../src/lib/search/shards.ts';

const BASE = '/kernel-exports/';
const SITE = 'https://kernel-export-decisions.github.io';
const ROOT_URL = SITE + BASE;

let site: BuiltSite;
beforeAll(() => {
  site = buildSite(FIXTURE_SITE, { base: BASE });
});
afterAll(() => site?.cleanup());

const json = (file: string) => JSON.parse(site.read(file));
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
/** The built file an absolute URL of the site points to (index.html for a directory URL). */
function fileOf(url: string): string {
  expect(url.startsWith(ROOT_URL), url).toBe(true);
  const rel = decodeURIComponent(new URL(url).pathname.slice(BASE.length));
  return path.join(site.dir, rel === '' || rel.endsWith('/') ? path.join(rel, 'index.html') : rel);
}
const exists = (url: string) => fs.existsSync(fileOf(url));
function htmlPages(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...htmlPages(dir, r));
    else if (e.name === 'index.html') out.push(rel === '' ? '' : `${rel}/`);
  }
  return out;
}

/** Every symbol the fixture's history store exports in some release. */
const historySymbols = [...indexHistory(readStore(path.join(FIXTURE_SITE, HISTORY_DIR))).bySymbol.keys()];

describe('JSON API', () => {
  const schemaFor = (def: string) => {
    const schema = json('api/v1/schema.json');
    return { schema, sub: { $ref: `#/$defs/${def}` } };
  };
  const check = (def: string, data: unknown) => {
    const { schema, sub } = schemaFor(def);
    return validateJsonSchema(schema, data, sub);
  };

  it('publishes a JSON Schema generated from the record schema, with the envelopes', () => {
    const schema = json('api/v1/schema.json');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`${ROOT_URL}api/v1/schema.json`);
    expect(Object.keys(schema.$defs).sort()).toEqual([
      'ExportsFile',
      'Record',
      'ReleasesFile',
      'SnapshotFile',
      'SymbolFile',
      'SymbolHistory',
    ]);
    expect(schema.anyOf).toEqual([
      { $ref: '#/$defs/ExportsFile' },
      { $ref: '#/$defs/SymbolFile' },
      { $ref: '#/$defs/SnapshotFile' },
      { $ref: '#/$defs/ReleasesFile' },
    ]);
    // Every frontmatter field of the zod schema, then the API's own.
    expect(Object.keys(schema.$defs.Record.properties)).toEqual([...fieldNames(recordSchema), 'url', 'json', 'source_path', 'exported_in']);
    expect(schema.$defs.Record.additionalProperties).toBe(false);
    expect(schema.$defs.Record.properties.threads.items.required).toEqual(['messageId', 'url']);
  });

  it('validates exports.json, every symbol file and every snapshot file against it', () => {
    expect(check('ExportsFile', json('api/v1/exports.json'))).toEqual([]);
    // One file per record, and one per symbol some release of the history store exports.
    const symbols = fs.readdirSync(path.join(site.dir, 'api/v1/symbols')).sort();
    expect(symbols).toEqual(
      [...new Set([...['alloc_pages_vma', 'alpha_stable', 'beta_ns', 'delta_mods', 'epsilon_ns', 'gamma_removed'], ...historySymbols])]
        .map((s) => `${s}.json`)
        .sort(),
    );
    expect(check('ReleasesFile', json('api/v1/releases.json'))).toEqual([]);
    for (const f of symbols) expect(check('SymbolFile', json(`api/v1/symbols/${f}`)), f).toEqual([]);
    const snapshots = fs.readdirSync(path.join(site.dir, 'api/v1/snapshots')).sort();
    expect(snapshots).toEqual(['v6.1.json', 'v6.19.json']);
    for (const f of snapshots) expect(check('SnapshotFile', json(`api/v1/snapshots/${f}`)), f).toEqual([]);
    // The root schema accepts each kind of file, and only one of them.
    const schema = json('api/v1/schema.json');
    expect(validateJsonSchema(schema, json('api/v1/symbols/beta_ns.json'))).toEqual([]);
  });

  it('rejects files that break the schema (the validation is not vacuous)', () => {
    const good = json('api/v1/exports.json');
    const broken = (edit: (f: any) => void) => {
      const f = structuredClone(good);
      edit(f);
      return check('ExportsFile', f).map((e) => `${e.path}: ${e.message}`);
    };
    expect(broken((f) => delete f.records[0].summary)).toEqual(['/records/0: missing required property "summary"']);
    expect(broken((f) => (f.records[1].status = 'stabel'))).toEqual([
      '/records/1/status: must be one of ["testing","stable","obsolete","removed"]',
    ]);
    expect(broken((f) => (f.records[0].extra = 1))).toEqual(['/records/0/extra: property not allowed']);
    expect(broken((f) => (f.records[0].threads[0].url = 'https://lkml.org/x'))).toEqual([
      '/records/0/threads/0/url: does not match ^https:\\/\\/lore\\.kernel\\.org\\/r\\/\\S+$',
    ]);
    expect(broken((f) => (f.version = 2))).toEqual(['/version: must equal 1']);
    expect(broken((f) => (f.records[1].exported_in[0].rows[0].line = 0))).toEqual([
      '/records/1/exported_in/0/rows/0/line: not greater than 0',
    ]);
    expect(
      check('SnapshotFile', { ...json('api/v1/snapshots/v6.1.json'), rows: [['a', 'EXPORT_SYMBOL', '', 'f.c']] }).map((e) => e.message),
    ).toEqual(['fewer than 5 items']);
  });

  it('gives every record with canonical thread links, its page and the symbol in each snapshot', () => {
    const file = json('api/v1/exports.json');
    expect(file.version).toBe(1);
    expect(file.site).toBe(ROOT_URL);
    expect(file.latest_release).toBe('v6.19');
    expect(file.snapshots.map((s: any) => [s.release, s.rows, s.symbols, s.url])).toEqual([
      ['v6.1', 8, 8, `${ROOT_URL}api/v1/snapshots/v6.1.json`],
      ['v6.19', 49, 49, `${ROOT_URL}api/v1/snapshots/v6.19.json`],
    ]);
    expect(file.records.map((r: any) => r.symbol)).toEqual([
      'alloc_pages_vma',
      'alpha_stable',
      'beta_ns',
      'delta_mods',
      'epsilon_ns',
      'gamma_removed',
    ]);
    const beta = file.records[2];
    expect(beta.threads).toEqual([
      { messageId: 'beta+ns/1@example.invalid', url: 'https://lore.kernel.org/r/beta%2Bns%2F1@example.invalid' },
    ]);
    expect(beta.url).toBe(`${ROOT_URL}symbols/beta_ns/`);
    expect(beta.exported_in).toEqual([
      { release: 'v6.1', rows: [{ macro: 'EXPORT_SYMBOL_NS_GPL', namespace: 'FIXTURE_NS', file: 'drivers/dma-buf/beta.c', line: 20 }] },
      { release: 'v6.19', rows: [] },
    ]);
    const gamma = file.records[5];
    expect(gamma.history[1]).toEqual({
      date: '2020-02-21',
      version: 'v5.7',
      change: 'Export withdrawn.',
      type: 'unexported',
      status: 'removed',
    });
    // gamma_removed: no release of the history exports it, so its file has the record only.
    expect(json('api/v1/symbols/gamma_removed.json')).toEqual({ version: 1, site: ROOT_URL, symbol: 'gamma_removed', record: gamma });
    expect(json('api/v1/symbols/legacy_probe.json')).toEqual({
      version: 1,
      site: ROOT_URL,
      symbol: 'legacy_probe',
      history: {
        first_release: 'v5.15',
        newest_release: 'v6.19',
        exported_in: ['v5.15'],
        runs: [
          {
            first: 'v5.15',
            last: 'v5.15',
            macro: 'EXPORT_SYMBOL',
            namespace: '',
            file: 'drivers/base/legacy.c',
            lines: [{ release: 'v5.15', line: 40 }],
          },
        ],
        changes: [{ from: 'v5.15', to: 'v6.1', kinds: ['removed'] }],
        facts: ['Exported since v5.15 or earlier: v5.15 is the oldest release we hold.', 'Not exported since v6.1: last seen in v5.15.'],
      },
    });
    expect(json('api/v1/releases.json').releases.map((r: any) => [r.release, r.line, r.date, r.symbols, r.previous, r.changes])).toEqual([
      ['v5.15', '5.15', '', 5, undefined, {}],
      ['v6.1', '6.1', '', 8, 'v5.15', { added: 4, removed: 1, 'gpl-only': 1 }],
      ['v6.1.20', '6.1', '', 8, 'v6.1', { 'namespace-gained': 1 }],
      ['v6.19', '6.19', '', 49, 'v6.1.20', { added: 43, removed: 2, 'gpl-only': 1 }],
    ]);
    for (const r of file.records) {
      expect(exists(r.url), r.url).toBe(true);
      expect(exists(r.json), r.json).toBe(true);
    }
    for (const s of file.snapshots) expect(exists(s.url), s.url).toBe(true);
    const v61 = json('api/v1/snapshots/v6.1.json');
    expect(v61.rows[0]).toEqual(['kernel_fpu_begin_mask', 'EXPORT_SYMBOL_GPL', '', 'arch/x86/kernel/fpu/core.c', 410]);
    expect(v61.rows).toHaveLength(8);
  });
});

describe('Documentation/ABI text', () => {
  it('writes one file per tier that the parser reads back entry for entry and byte for byte', () => {
    const records = loadRecords(FIXTURE_SITE, sitePaths(BASE)).map((p) => p.data!);
    for (const tier of TIERS) {
      const body = site.read(`abi/${tier}.txt`);
      const entries = parseAbi(body, `abi/${tier}.txt`);
      expect(entries).toEqual(JSON.parse(JSON.stringify(tierAbi(records, tier, (s) => `${ROOT_URL}symbols/${s}/`))));
      expect(renderAbi(entries)).toBe(body);
    }
    expect(parseAbi(site.read('abi/obsolete.txt')).map((e) => e.what[0])).toEqual(['alloc_pages_vma', 'epsilon_ns']);
    expect(parseAbi(site.read('abi/testing.txt')).map((e) => e.what[0])).toEqual(['beta_ns', 'delta_mods']);
    expect(site.read('abi/removed.txt')).toBe(
      [
        'What:\t\tgamma_removed',
        'Date:\t\t2020-02-21',
        'Description:',
        '\t\tAn export that was withdrawn.',
        '',
        '\t\tExport: unexported. Not available to modules.',
        '\t\tTier: removed. No modular users were left.',
        '\t\tUse instead: alpha_stable.',
        '\t\tSubsystem: x86/fpu.',
        '',
        '\t\tHistory:',
        '\t\t- 2018-01-01 (v4.15): Exported. [EXPORT_SYMBOL, stable]',
        '\t\t- 2020-02-21 (v5.7): Export withdrawn. [unexported, removed]',
        '',
        '\t\tThreads:',
        '\t\t- https://lore.kernel.org/r/gamma@example.invalid',
        '',
        `\t\tRecord: ${ROOT_URL}symbols/gamma_removed/`,
        '',
      ].join('\n'),
    );
  });
});

describe('Atom feeds', () => {
  const feed = (file: string): XmlElement => {
    const { root, declaration } = parseXml(site.read(file));
    expect(declaration).toBe('version="1.0" encoding="utf-8"');
    expect(root.name).toBe('feed');
    expect(root.uri).toBe('http://www.w3.org/2005/Atom');
    // RFC 4287: a feed has id, title, updated and an author (here at feed level), and a self link.
    for (const name of ['id', 'title', 'updated', 'author']) expect(child(root, name), `${file} ${name}`).toBeDefined();
    expect(child(root, 'id')!.text).toBe(ROOT_URL + file);
    const self = childrenNamed(root, 'link').find((l) => l.attributes.rel === 'self')!;
    expect(self.attributes.href).toBe(ROOT_URL + file);
    expect(exists(childrenNamed(root, 'link').find((l) => l.attributes.rel === 'alternate')!.attributes.href!)).toBe(true);
    const ids = new Set<string>();
    for (const e of childrenNamed(root, 'entry')) {
      for (const name of ['id', 'title', 'updated', 'link', 'content']) expect(child(e, name), `${file} entry ${name}`).toBeDefined();
      expect(child(e, 'updated')!.text).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
      expect(ids.has(child(e, 'id')!.text)).toBe(false);
      ids.add(child(e, 'id')!.text);
      expect(exists(child(e, 'link')!.attributes.href!.replace(/#.*/, ''))).toBe(true);
    }
    return root;
  };
  const entries = (root: XmlElement) =>
    childrenNamed(root, 'entry').map((e) => [
      child(e, 'updated')!.text.slice(0, 10),
      child(e, 'title')!.text,
      childrenNamed(e, 'category')
        .map((c) => c.attributes.term)
        .join(' '),
    ]);

  it('lists every decision and change in all.xml, newest first', () => {
    const root = feed('feeds/all.xml');
    // Each release's changes, dated by the day they were added to the history (no release date is known).
    expect(child(root, 'updated')!.text).toBe('2026-12-01T00:00:00Z');
    expect(entries(root)).toEqual([
      ['2026-12-01', 'Linux v6.19: 43 added, 2 removed, 1 became GPL-only', 'release-changes'],
      ['2026-11-30', 'Linux v6.1.20: 1 gained a namespace', 'release-changes'],
      ['2026-11-30', 'Linux v6.1: 4 added, 1 removed, 1 became GPL-only', 'release-changes'],
      ['2025-06-19', 'New record: delta_mods (EXPORT_SYMBOL_FOR_MODULES, testing)', 'new-record'],
      ['2022-03-03', 'New record: epsilon_ns (EXPORT_SYMBOL_NS, obsolete)', 'new-record'],
      ['2021-10-10', 'New record: beta_ns (EXPORT_SYMBOL_NS_GPL, testing)', 'new-record'],
      ['2020-02-21', 'New record: gamma_removed (unexported, removed)', 'new-record'],
      ['2020-02-21', 'gamma_removed: type EXPORT_SYMBOL → unexported, tier stable → removed (v5.7)', 'type-change tier-change'],
      ['2019-09-09', 'New record: alpha_stable (EXPORT_SYMBOL_GPL, stable)', 'new-record'],
      ['2019-09-09', 'New mechanism decision: Fixture namespaces introduced (stable)', 'new-mechanism'],
      ['2019-06-26', 'New record: alloc_pages_vma (EXPORT_SYMBOL, obsolete)', 'new-record'],
      [
        '2018-06-01',
        'New mechanism decision: EXPORT_SYMBOL_GPL_FOR_MODULES limits a fixture export to named modules (testing)',
        'new-mechanism',
      ],
      ['2018-06-01', 'EXPORT_SYMBOL_GPL_FOR_MODULES limits a fixture export to named modules: tier testing', 'tier-change'],
      ['2018-01-01', 'gamma_removed: type EXPORT_SYMBOL, tier stable (v4.15)', 'type-change tier-change'],
    ]);
    const v6120 = childrenNamed(root, 'entry')[1]!;
    expect(child(v6120, 'summary')!.text).toBe(
      'Since v6.1: 1 gained a namespace. The release date is not recorded; these changes were added to the history on 2026-11-30.',
    );
    expect(child(v6120, 'content')!.text).toContain(
      `<li><a href="${ROOT_URL}symbols/dma_buf_get/"><code>dma_buf_get</code></a> gained a namespace</li>`,
    );
    const gamma = childrenNamed(root, 'entry')[7]!;
    expect(child(gamma, 'id')!.text).toBe(`${ROOT_URL}symbols/gamma_removed/#history-2020-02-21-0`);
    expect(child(gamma, 'content')!.attributes.type).toBe('html');
    expect(child(gamma, 'content')!.text).toBe('<p>Export withdrawn.</p><p>Release v5.7</p>');
    const mechanism = childrenNamed(root, 'entry')[9]!;
    expect(child(mechanism, 'link')!.attributes.href).toBe(`${ROOT_URL}types/EXPORT_SYMBOL_NS/#fixture-namespaces`);
  });

  it('has one feed per subsystem page and per namespace page, with their decisions', () => {
    // Records' subsystems and namespaces, and the source areas and namespaces the releases changed.
    expect(fs.readdirSync(path.join(site.dir, 'feeds/subsystems')).sort()).toEqual([
      'arch-x86.xml',
      'dma-buf.xml',
      'drivers-base.xml',
      'drivers-dma-buf.xml',
      'drivers-pci.xml',
      'fs.xml',
      'lib.xml',
      'mm.xml',
      'x86-fpu.xml',
    ]);
    expect(fs.readdirSync(path.join(site.dir, 'feeds/namespaces')).sort()).toEqual(['dma_buf.xml', 'fixture_ns.xml', 'module-kvm.xml']);
    expect(entries(feed('feeds/namespaces/dma_buf.xml')).map((e) => e[1])).toEqual([
      'Linux v6.1.20 in namespace DMA_BUF: 1 gained a namespace',
    ]);
    expect(entries(feed('feeds/subsystems/x86-fpu.xml')).map((e) => e[1])).toEqual([
      'New record: gamma_removed (unexported, removed)',
      'gamma_removed: type EXPORT_SYMBOL → unexported, tier stable → removed (v5.7)',
      'gamma_removed: type EXPORT_SYMBOL, tier stable (v4.15)',
    ]);
    expect(entries(feed('feeds/namespaces/fixture_ns.xml')).map((e) => e[1])).toEqual([
      'Linux v6.19 in namespace FIXTURE_NS: 1 removed',
      'Linux v6.1 in namespace FIXTURE_NS: 1 added',
      'New record: epsilon_ns (EXPORT_SYMBOL_NS, obsolete)',
      'New record: beta_ns (EXPORT_SYMBOL_NS_GPL, testing)',
      'New mechanism decision: Fixture namespaces introduced (stable)',
    ]);
    for (const f of ['feeds/subsystems/fs.xml', 'feeds/namespaces/module-kvm.xml']) expect(entries(feed(f))).toHaveLength(1);
    expect(entries(feed('feeds/subsystems/dma-buf.xml'))).toHaveLength(2);
    // The record subsystem mm and the source area mm are one feed.
    expect(entries(feed('feeds/subsystems/mm.xml')).map((e) => e[1])).toEqual([
      'Linux v6.19 in mm: 2 added',
      'Linux v6.1 in mm: 2 added, 1 became GPL-only',
      expect.stringMatching(/^New record: /),
      expect.stringMatching(/^New record: /),
    ]);
    const page = site.read('subsystems/x86-fpu/index.html');
    expect(page).toContain(
      `<link rel="alternate" type="application/atom+xml" title="x86/fpu decisions" href="${BASE}feeds/subsystems/x86-fpu.xml">`,
    );
    expect(site.read('namespaces/module-kvm/index.html')).toContain(`href="${BASE}feeds/namespaces/module-kvm.xml"`);
  });
});

describe('releases', () => {
  it('indexes the snapshot releases and the releases records name, newest first', () => {
    const index = text(site.read('releases/index.html'));
    expect(index).toContain(
      'Release Exported symbols Added Removed Changed Records v6.19 49 43 2 1 1 v6.1.20 8 0 0 1 — v6.1 8 4 1 1 2 v5.15 5 oldest snapshot — v5.7 no snapshot — 1 v5.4 no snapshot — 1 v4.15 no snapshot — 1',
    );
    for (const r of ['v6.19', 'v6.1.20', 'v6.1', 'v5.15', 'v5.7', 'v5.4', 'v4.15'])
      expect(fs.existsSync(path.join(site.dir, 'releases', r, 'index.html')), r).toBe(true);
  });

  it('shows what changed since the previous release of the history, by kind and by area, and the records concerned', () => {
    const html = site.read('releases/v6.19/index.html');
    const page = text(html);
    expect(page).toContain(
      '49 exported symbols (49 export-macro uses); compared with v6.1.20: 43 added, 2 removed, 1 changed (another macro or namespace).',
    );
    expect(page).toContain('Change Symbols added 43 removed 2 became GPL-only 1');
    // A change inside the 6.1 stable line has its own release page.
    expect(text(site.read('releases/v6.1.20/index.html'))).toContain(
      'What changed since v6.1 A symbol can change in two ways at once (GPL-only and namespaced), so it can count twice. Change Symbols gained a namespace 1',
    );
    // Only the committed snapshots are published whole as JSON.
    expect(html).toContain(`· <a href="${BASE}api/v1/snapshots/v6.19.json">as JSON</a>`);
    expect(site.read('releases/v6.1.20/index.html')).not.toContain('api/v1/snapshots/');
    expect(page).toContain('Decision records beta_ns No longer exported in v6.19 (was EXPORT_SYMBOL_NS_GPL (FIXTURE_NS)).');
    expect(page).toContain('Before (v6.1.20) After (v6.19) Symbols EXPORT_SYMBOL EXPORT_SYMBOL_GPL 1');
    expect(page).toContain('Area Added Removed Changed arch/x86 1 drivers/dma-buf 1 drivers/pci 41 lib 1 mm 2');
    // The uses the scanner could not resolve are listed, not hidden; v6.1 has no such file.
    expect(page).toContain('1 export-macro use could not be resolved: the snapshot may lack its exports');
    expect(page).toContain('arch/x86/lib/fixture.S:12 token-paste-in-define: EXPORT_SYMBOL(fixture_##x) (#define GEN(x))');
    expect(text(site.read('releases/v6.1/index.html'))).not.toContain('could not be resolved');
    expect(html).toContain(`<a href="${BASE}releases/v6.19/drivers-pci/"><code>drivers/pci</code></a>`);
    expect(html).toContain(`<a href="${BASE}releases/v6.1.20/" rel="prev">Older: v6.1.20</a>`);
    expect(fs.readdirSync(path.join(site.dir, 'releases/v6.19')).sort()).toEqual([
      'arch-x86',
      'drivers-dma-buf',
      'drivers-pci',
      'index.html',
      'lib',
      'mm',
    ]);
    expect(text(site.read('releases/v5.15/index.html'))).toContain(
      'It is the oldest release we hold, so there is nothing to compare it with.',
    );
    expect(text(site.read('releases/v5.7/index.html'))).toContain(
      'Decision records gamma_removed 2020-02-21: Export withdrawn. (unexported, tier removed)',
    );
    expect(text(site.read('releases/v5.4/index.html'))).toContain(
      'The history holds no export list of this release; the records below name it. Decision records alpha_stable First exported in v5.4, as the record states.',
    );
  });

  it('lists every symbol of an area, linking those with a page', () => {
    const pci = site.read('releases/v6.19/drivers-pci/index.html');
    expect(text(pci)).toContain('Compared with v6.1.20: 41 added, 0 removed, 0 changed.');
    expect(pci.match(/<li><a href="\/kernel-exports\/symbols\/pci_msi[_a-z0-9]*\/"><code>/g)).toHaveLength(41);
    const dma = site.read('releases/v6.19/drivers-dma-buf/index.html');
    expect(dma).toContain(
      `<li><a href="${BASE}symbols/beta_ns/"><code>beta_ns</code></a> <span class="form">was EXPORT_SYMBOL_NS_GPL (FIXTURE_NS)</span></li>`,
    );
    expect(site.read('releases/v6.1.20/drivers-dma-buf/index.html')).toContain(
      `<td><a href="${BASE}symbols/dma_buf_get/"><code>dma_buf_get</code></a></td><td>gained a namespace</td><td><code>EXPORT_SYMBOL_GPL</code></td><td><code>EXPORT_SYMBOL_NS_GPL (DMA_BUF)</code></td>`,
    );
    // A symbol no longer exported has its page, and the change links it.
    expect(site.read('releases/v6.19/lib/index.html')).toContain(
      `<li><a href="${BASE}symbols/old_helper/"><code>old_helper</code></a> <span class="form">was EXPORT_SYMBOL</span></li>`,
    );
  });

  it('gives every symbol page its history: the facts, a grid of releases and the line in each', () => {
    const history = (symbol: string) =>
      /<section class="history-timeline"[\s\S]*?<\/section>/.exec(site.read(`symbols/${symbol}/index.html`))?.[0];
    expect(history('kernel_fpu_end')).toBe(
      '<section class="history-timeline" aria-labelledby="export-history"><h2 id="export-history">Export history</h2><ul class="history-facts">' +
        '<li class="fact-since">Exported since v5.15 or earlier: v5.15 is the oldest release we hold.</li>' +
        '<li class="fact-change">GPL-only from v6.19 (the change is between v6.1.20 and v6.19): EXPORT_SYMBOL in v6.1.20, EXPORT_SYMBOL_GPL in v6.19.</li>' +
        '<li class="fact-current">Exported in v6.19, the newest release we hold.</li></ul>' +
        '<div class="table-wrap"><table class="timeline-grid" aria-label="Export by release">' +
        '<colgroup span="2"></colgroup><colgroup span="2" class="line-group"></colgroup><colgroup></colgroup>' +
        '<thead><tr><th class="corner">Built for, export<th>v5.15<th>v6.1<th>v6.1.20<th>v6.19</thead>' +
        // One cell per run of releases: a bar across the releases that export it in that form.
        '<tbody><tr class="any"><th scope="row"><b>x86</b> <code>EXPORT_SYMBOL</code><td colspan="3">✓<td>' +
        '<tr class="gpl"><th scope="row"><b>x86</b> <code>EXPORT_SYMBOL_GPL</code><td colspan="3"><td>✓</tbody></table></div>' +
        `<p class="timeline-legend">✓ exported: <span class="key gpl">GPL-only</span> <span class="key any">any licence</span> <span class="key restricted">module-restricted</span>; blank: not exported. <a href="${BASE}releases/">Releases v5.15 to v6.19</a>; shaded: point releases of one line (6.1).</p>` +
        '<h3>Where, release by release</h3><dl class="timeline-places"><dt><code>arch/x86/kernel/fpu/core.c</code></dt><dd>:400 in v5.15 · :430 in v6.1–v6.1.20 · :520 in v6.19</dd></dl></section>',
    );
    expect(text(history('dma_buf_get')!)).toContain(
      'In namespace DMA_BUF from v6.1.20 (between v6.1 and v6.1.20, inside the 6.1 stable line): modules must import it. EXPORT_SYMBOL_GPL in v6.1, EXPORT_SYMBOL_NS_GPL (DMA_BUF) in v6.1.20.',
    );
    expect(text(history('beta_ns')!)).toContain(
      'First exported between v5.15 and v6.1: not in v5.15, exported in v6.1. Not exported since v6.19: last seen in v6.1.20.',
    );
    // A record whose symbol no release we hold exports says so.
    expect(text(history('gamma_removed')!)).toBe(' Export history Not exported in any release we hold (v5.15 to v6.19). ');
    // A record without since shows what the history bounds it by; with since, the record's own.
    const since = (symbol: string) => /<dt>Since<\/dt><dd>(.*?)<\/dd>/.exec(site.read(`symbols/${symbol}/index.html`))?.[1];
    expect(since('beta_ns')).toBe(
      'not recorded; the export history below: First exported between v5.15 and v6.1: not in v5.15, exported in v6.1.',
    );
    expect(since('gamma_removed')).toBe('not established');
    expect(since('alpha_stable')).toBe('v5.4');
  });

  it('gives a symbol no longer exported a page of its own, and finds it in search marked with its last release', () => {
    const page = site.read('symbols/legacy_probe/index.html');
    expect(text(page)).toContain(
      'legacy_probe no record not exported in v6.19 Not exported since v6.1: last seen in v5.15. No decision recorded yet.',
    );
    const prefix = shardFor('legacy_probe', new Set(json('search-index/manifest.json').prefixes as string[]))!;
    const shard = json(`search-index/${shardFileName(prefix)}.json`);
    expect(shard.find((e: any) => e.s === 'legacy_probe')).toEqual({
      s: 'legacy_probe',
      t: '',
      x: 'EXPORT_SYMBOL',
      u: 'drivers/base/legacy.c',
      l: 'v5.15',
    });
  });
});

describe('sitemap and robots.txt', () => {
  it('lists every HTML page of the build (but the 404 page) in sitemap parts named by an index', () => {
    const index = parseXml(site.read('sitemap.xml')).root;
    expect(index.name).toBe('sitemapindex');
    expect(index.uri).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const parts = childrenNamed(index, 'sitemap').map((s) => child(s, 'loc')!.text);
    expect(parts).toEqual([`${ROOT_URL}sitemap-1.xml`]);
    const urls = parts.flatMap((p) => {
      const set = parseXml(fs.readFileSync(fileOf(p), 'utf8')).root;
      expect(set.name).toBe('urlset');
      return childrenNamed(set, 'url').map((u) => child(u, 'loc')!.text);
    });
    const pages = htmlPages(site.dir)
      .sort()
      .map((p) => ROOT_URL + p);
    expect(urls).toEqual(pages);
    expect(urls).toContain(`${ROOT_URL}releases/v6.19/drivers-pci/`);
    expect(urls).toContain(`${ROOT_URL}symbols/pci_msi/`);
    expect(urls.length).toBeGreaterThan(80);
  });

  it('points robots.txt at the sitemap index', () => {
    expect(site.read('robots.txt')).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${ROOT_URL}sitemap.xml\n`);
  });
});

describe('the data page and the footer', () => {
  it('links every data file and feed, and every page links them from its footer, under the base path', () => {
    const data = site.read('data/index.html');
    for (const href of [
      'api/v1/exports.json',
      'api/v1/schema.json',
      'api/v1/releases.json',
      'api/v1/symbols/alloc_pages_vma.json',
      'api/v1/snapshots/v6.1.json',
      'api/v1/snapshots/v6.19.json',
      ...TIERS.map((t) => `abi/${t}.txt`),
      'feeds/all.xml',
      'feeds/subsystems/x86-fpu.xml',
      'feeds/namespaces/module-kvm.xml',
      'releases/',
      'sitemap.xml',
    ]) {
      expect(data, href).toContain(`href="${BASE}${href}"`);
    }
    expect(data).toContain(`curl -s ${ROOT_URL}api/v1/exports.json | jq`);
    const footer = /<nav aria-label="Footer">([\s\S]*?)<\/nav>/.exec(site.read('symbols/vmalloc/index.html'))![1]!;
    expect([...footer.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual(
      [
        '',
        'symbols/',
        'types/',
        'releases/',
        'data/',
        'feeds/all.xml',
        'api/v1/exports.json',
        'abi/stable.txt',
        'coverage/',
        'check-module/',
        'sitemap.xml',
      ].map((p) => BASE + p),
    );
  });

  it('has no broken internal link under the base path', () => {
    const result = checkLinks(site.dir, BASE);
    expect(result.broken).toEqual([]);
    expect(result.pages).toBeGreaterThan(80);
  });
});
