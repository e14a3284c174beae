// The /check-module/ and /coverage/ pages of the fixture site: built HTML, the export table the check
// downloads, and the check itself in a real browser (Debian Chromium).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FIXTURE_SITE, type BuiltSite } from '../helpers/site.ts';
import { openServedSite } from '../helpers/served-site.ts';
import type { StaticServer } from '../../src/lib/site/static-server.ts';
import { checkLinks } from '../../src/lib/site/links.ts';
import fs from 'node:fs';
import path from 'node:path';
import { decodeExportTable, type EncodedTable } from '../../src/lib/check-module.ts';
import { mergeEncoded } from '../../src/lib/check-module-shards.ts';

let site: BuiltSite;
let server: StaticServer;
let browser: Browser;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ site, server, browser, close } = await openServedSite(FIXTURE_SITE));
});
afterAll(async () => {
  await close?.();
});

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const text = (html: string) =>
  html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!)
    .replace(/\s+/g, ' ');

const MODPOST_LOG = [
  '  MODPOST /home/me/foo/Module.symvers',
  "ERROR: modpost: GPL-incompatible module foo.ko uses GPL-only symbol 'alpha_stable'",
  'ERROR: modpost: module foo uses symbol dma_buf_get from namespace DMA_BUF, but does not import it.',
  'ERROR: modpost: "gamma_removed" [/home/me/foo/foo.ko] undefined!',
  'make[2]: *** [scripts/Makefile.modpost:145: /home/me/foo/Module.symvers] Error 1',
].join('\n');

describe('the coverage page', () => {
  it("counts the latest snapshot's symbols with and without a record, readable without JavaScript", () => {
    const html = site.read('coverage/index.html');
    expect(html).not.toContain('<script type="module"');
    const page = text(html);
    expect(page).toContain('Of the 49 symbols exported to modules in v6.19, 1 has a decision record (2.0%); 48 have none yet.');
    expect(html).toContain('<meter min="0" max="49" value="1"');
    const table = (id: string) =>
      text(html.slice(html.indexOf(`data-table="${id}"`), html.indexOf('</table>', html.indexOf(`data-table="${id}"`))));
    expect(table('by-type')).toContain(
      'EXPORT_SYMBOL 4 0 0% EXPORT_SYMBOL_GPL 44 1 2.3% EXPORT_SYMBOL_NS 0 0 — EXPORT_SYMBOL_NS_GPL 1 0 0% EXPORT_SYMBOL_FOR_MODULES 0 0 — ',
    );
    expect(table('by-subsystem')).toContain('drivers/pci 41 0 0% mm 5 1 20.0% arch/x86 2 0 0% drivers/dma-buf 1 0 0% ');
    expect(table('by-macro')).toContain('EXPORT_SYMBOL_GPL 44 1 2.3% EXPORT_SYMBOL 4 0 0% EXPORT_SYMBOL_NS_GPL 1 0 0% ');
    expect(html).toContain('<a href="/types/EXPORT_SYMBOL_GPL/"');
    expect(page).toContain('Records not exported in v6.19');
    for (const s of ['beta_ns', 'delta_mods', 'gamma_removed'])
      expect(html).toMatch(new RegExp(`<a href="/symbols/${s}/"[^>]*><code[^>]*>${s}</code></a>`));
  });
});

describe('the module check page', () => {
  it('shows the modpost message forms and serves the export table as compact JSON, cut into name ranges', () => {
    const page = text(site.read('check-module/index.html'));
    expect(page).toContain("ERROR: modpost: GPL-incompatible module foo.ko uses GPL-only symbol 'kernel_fpu_begin_mask'");
    expect(page).toContain('ERROR: modpost: module foo uses symbol dma_buf_get from namespace DMA_BUF, but does not import it.');
    expect(page).toContain('ERROR: modpost: "kallsyms_lookup_name" [/home/me/foo/foo.ko] undefined!');
    expect(page).toContain(
      'Since 6.13 the namespace is a string literal ( MODULE_IMPORT_NS("DMA_BUF"); ); older kernels write the bare token ( MODULE_IMPORT_NS(DMA_BUF); ).',
    );
    // Every name range of the latest release together is the whole table.
    const ranges = fs.readdirSync(path.join(site.dir, 'check-module/latest'));
    expect(ranges.length).toBeGreaterThan(10);
    const table = decodeExportTable(mergeEncoded(ranges.map((f) => JSON.parse(site.read(`check-module/latest/${f}`)) as EncodedTable))!);
    expect([table.version, table.exports.size, table.records.size]).toEqual(['v6.19', 49, 6]);
    expect(table.exports.get('dma_buf_get')).toEqual([
      { type: 'EXPORT_SYMBOL_NS_GPL', namespace: 'DMA_BUF', arch: '', entity: 'symbol', name: 'dma_buf_get' },
    ]);
    expect(table.records.get('gamma_removed')).toEqual({
      tier: 'removed',
      type: 'unexported',
      replacedBy: 'alpha_stable',
      reason: 'No modular users were left.',
    });
  });

  it('leaves no broken link in the build', () => {
    expect(checkLinks(site.dir, '/').broken).toEqual([]);
  });

  it('answers a pasted modpost log in the browser: the MODULE_IMPORT_NS line, GPL-only, removed with its replacement', async () => {
    const page = await browser.newPage();
    const downloads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/check-module/') && r.url().endsWith('.json')) downloads.push(new URL(r.url()).pathname);
    });
    await page.goto(`${server.url}check-module/`);
    await page.waitForSelector('[data-check-module][data-ready="true"]');
    expect(downloads).toEqual([]);
    await page.fill('#cm-input', MODPOST_LOG);
    await page.click('#cm-check');
    await page.waitForSelector('[data-check-module][data-checked="true"]');

    expect(await page.textContent('#cm-imports')).toBe('MODULE_IMPORT_NS("DMA_BUF");');
    expect(await page.textContent('#cm-gpl')).toBe(
      'GPL-only: alpha_stable, dma_buf_get. The module needs a GPL-compatible MODULE_LICENSE to use them.',
    );
    expect(await page.textContent('#cm-blocked')).toBe('Cannot be used: gamma_removed.');
    expect(await page.textContent('#cm-status')).toBe('Checked 3 symbols; 2 other lines skipped.');
    const items = await page.$$eval('#cm-symbols > li', (lis) =>
      lis.map((li) => [li.getAttribute('data-symbol'), li.getAttribute('data-verdict'), li.querySelector('p')?.textContent?.trim()]),
    );
    expect(items).toEqual([
      ['alpha_stable', 'action', 'alpha_stable GPL-only'],
      ['dma_buf_get', 'action', 'dma_buf_get GPL-only namespace DMA_BUF'],
      ['gamma_removed', 'blocked', 'gamma_removed not exported removed'],
    ]);
    expect(await page.getAttribute('li[data-symbol="alpha_stable"] a', 'href')).toBe('/symbols/alpha_stable/');
    expect(await page.textContent('li[data-symbol="gamma_removed"] .cm-notes')).toBe(
      'Not exported in v6.19: the export was removed. No modular users were left. Use alpha_stable instead.',
    );
    expect(await page.textContent('li[data-symbol="dma_buf_get"] pre')).toBe('MODULE_IMPORT_NS("DMA_BUF");');
    // Only the name ranges of the three symbols, of the latest release; nothing of the other releases.
    const parts = (await page.$eval('[data-check-module]', (root) => JSON.parse((root as HTMLElement).dataset.bounds!))) as string[];
    expect(parts.length).toBeGreaterThan(3);
    expect(downloads.length).toBeGreaterThan(0);
    expect(downloads.length).toBeLessThanOrEqual(3);
    expect(downloads.every((d) => /^\/check-module\/latest\/\d+\.json$/.test(d))).toBe(true);

    // Offline, the same symbols are checked again from the parts already fetched, for another architecture too.
    await page.context().setOffline(true);
    await page.selectOption('#cm-arch', 'any');
    await page.waitForFunction(() => document.querySelector('#cm-status')?.textContent === 'Checked 3 symbols; 2 other lines skipped.');
    await page.context().setOffline(false);
    const fetched = downloads.length;
    await page.selectOption('#cm-arch', 'x86');
    await page.click('.cm-try >> nth=3');
    await page.waitForFunction(() => document.querySelector('#cm-status')?.textContent === 'Checked 4 symbols.');
    const nm = await page.$$eval('#cm-symbols > li', (lis) =>
      lis.map((li) => [li.getAttribute('data-symbol'), li.getAttribute('data-verdict')]),
    );
    expect(nm).toEqual([
      ['__fentry__', 'blocked'],
      ['dma_buf_get', 'action'],
      ['kernel_fpu_begin_mask', 'action'],
      ['kmalloc_caches', 'blocked'],
    ]);
    // dma_buf_get's range was fetched already.
    expect(downloads.length - fetched).toBeLessThanOrEqual(3);
    expect(new Set(downloads).size).toBe(downloads.length);
    await page.close();
  });

  it('answers across every release when chosen: a grid, the first breaking release and why, the import line per release', async () => {
    const page = await browser.newPage();
    const downloads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/check-module/') && r.url().endsWith('.json')) downloads.push(new URL(r.url()).pathname);
    });
    await page.goto(`${server.url}check-module/?releases=all`);
    await page.waitForSelector('[data-check-module][data-ready="true"]');
    expect(await page.$eval('#cm-releases', (s) => (s as HTMLSelectElement).value)).toBe('all');
    expect(await page.$$eval('#cm-releases option', (os) => os.map((o) => o.textContent?.trim()))).toEqual([
      'the latest (v6.19)',
      'all 4 (v5.15 to v6.19)',
    ]);
    await page.fill(
      '#cm-input',
      [
        'ERROR: modpost: module foo uses symbol dma_buf_get from namespace DMA_BUF, but does not import it.',
        'ERROR: modpost: "old_helper" [foo.ko] undefined!',
        'ERROR: modpost: "kernel_fpu_end" [foo.ko] undefined!',
        'ERROR: modpost: "__kmalloc_node" [foo.ko] undefined!',
      ].join('\n'),
    );
    await page.click('#cm-check');
    await page.waitForSelector('[data-check-module][data-checked="true"]');
    expect(await page.textContent('#cm-status')).toBe('Checked 4 symbols against 4 releases.');
    expect(await page.isHidden('#cm-result')).toBe(true);
    expect(await page.textContent('#cm-links')).toBe('Links on none of the 4 releases checked.');
    const grid = await page.$$eval('#cm-matrix-table tbody tr', (rows) =>
      rows.map((row) => [row.getAttribute('data-symbol'), [...row.querySelectorAll('td')].map((td) => td.textContent).join('')]),
    );
    expect(grid).toEqual([
      ['dma_buf_get', 'ggnn'],
      ['old_helper', '...x'],
      ['kernel_fpu_end', '...g'],
      ['__kmalloc_node', 'xxx.'],
    ]);
    expect(await page.getAttribute('#cm-matrix-table tbody tr[data-symbol="old_helper"] td:nth-of-type(4)', 'title')).toBe(
      'v6.19: not exported',
    );
    expect(await page.textContent('#cm-matrix-symbols li[data-symbol="old_helper"] .cm-failure')).toBe(
      'Breaks in v6.19 (links in v6.1.20): old_helper no longer exported.',
    );
    expect(await page.textContent('#cm-matrix-symbols li[data-symbol="__kmalloc_node"] .cm-failure')).toBe(
      'Does not link before v6.19: __kmalloc_node not exported.',
    );
    expect(
      await page.$$eval('#cm-matrix-symbols li[data-symbol="dma_buf_get"] .cm-spans li', (lis) => lis.map((li) => li.textContent)),
    ).toEqual(['v5.15 … v6.1: GPL-only', 'v6.1.20 … v6.19: GPL-only, namespace DMA_BUF']);
    // A bare token before 6.13, a string literal from 6.13 on.
    expect(await page.$$eval('#cm-release-imports > *', (els) => els.map((e) => e.textContent))).toEqual([
      'v6.1.20: MODULE_IMPORT_NS(DMA_BUF);',
      'v6.19: MODULE_IMPORT_NS("DMA_BUF");',
    ]);
    // The history's ranges only (the latest release's were not needed).
    expect(downloads.length).toBeGreaterThan(0);
    expect(downloads.every((d) => /^\/check-module\/history\/\d+\.json$/.test(d))).toBe(true);
    await page.close();
  });

  it('says why instead of getting stuck when the input is over the limits (200,000 lines, a 150,000-character line)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}check-module/`);
    await page.waitForSelector('[data-check-module][data-ready="true"]');
    for (const [input, message] of [
      [
        'kmalloc\n'.repeat(200_000),
        'Cannot check this input: the input has 200,000 lines; the limit is 100,000 (give nm -u output or the modpost lines, not a whole build).',
      ],
      [`${'a'.repeat(150_000)}\nkmalloc\n`, 'Cannot check this input: line 1 is 150,000 characters long; the limit is 65,536.'],
    ] as const) {
      await page.evaluate((value) => {
        document.querySelector<HTMLTextAreaElement>('#cm-input')!.value = value;
        document.querySelector('#cm-status')!.textContent = '';
      }, input);
      // The check refuses such input before any await: the status is set by the time submit returns.
      const ms = await page.evaluate(() => {
        const started = performance.now();
        document.querySelector<HTMLFormElement>('.cm-form')!.requestSubmit();
        return performance.now() - started;
      });
      expect(ms).toBeLessThan(2000);
      expect(await page.textContent('#cm-status')).toBe(message);
      expect(await page.isHidden('#cm-result')).toBe(true);
    }
    await page.close();
  });

  it('says so when nothing in the text is a symbol', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}check-module/`);
    await page.waitForSelector('[data-check-module][data-ready="true"]');
    await page.fill('#cm-input', 'make: *** [Makefile:1] Error 2');
    await page.click('#cm-check');
    await page.waitForFunction(() => document.querySelector('#cm-status')?.textContent !== '');
    expect(await page.textContent('#cm-status')).toBe('No symbol found: paste modpost error lines, nm -u output, or one symbol per line.');
    expect(await page.isHidden('#cm-result')).toBe(true);
    await page.close();
  });
});
