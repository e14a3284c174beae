// Search in a real browser (Debian Chromium) against the built fixture site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { FIXTURE_SITE } from '../helpers/site.ts';
import { openServedSite } from '../helpers/served-site.ts';
import type { StaticServer } from '../../src/lib/site/static-server.ts';

let server: StaticServer;
let browser: Browser;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ server, browser, close } = await openServedSite(FIXTURE_SITE));
});
afterAll(async () => {
  await close?.();
});

async function search(query: string, page?: Page): Promise<{ page: Page; symbols: string[] }> {
  page ??= await browser.newPage();
  await page.goto(`${server.url}search/`);
  await page.waitForSelector('[data-search][data-ready="true"]');
  await page.fill('#search-input', query);
  await page.waitForFunction((q) => document.querySelector('#search-status')?.textContent?.includes(`“${q}”`), query);
  const symbols = await page.$$eval('#search-results .result-link code', (els) => els.map((e) => e.textContent ?? ''));
  return { page, symbols };
}

describe('symbol search', () => {
  it('puts an exact symbol first, also among many sharing its prefix', async () => {
    expect((await search('beta_ns')).symbols[0]).toBe('beta_ns');
    const { symbols } = await search('pci_msi');
    expect(symbols[0]).toBe('pci_msi');
    expect(symbols.length).toBeGreaterThan(40);
  });

  it('finds a family by prefix, a symbol by a part after an underscore, and ignores leading underscores', async () => {
    expect((await search('kmalloc')).symbols).toEqual(expect.arrayContaining(['__kmalloc_node', 'kmalloc_node_fixture']));
    expect((await search('fpu_begin')).symbols).toContain('kernel_fpu_begin_mask');
    const vmalloc = (await search('vmalloc')).symbols;
    expect(vmalloc[0]).toBe('vmalloc');
    expect(vmalloc[1]).toBe('__vmalloc');
    expect((await search('__vmalloc')).symbols[0]).toBe('__vmalloc');
    expect((await search('kmalloc_node')).symbols[0]).toBe('__kmalloc_node');
    expect((await search('alpha_stable()')).symbols[0]).toBe('alpha_stable');
  });

  it('shows tier and type badges, subsystem and a summary line', async () => {
    const { page } = await search('gamma_removed');
    const first = await page.$eval('#search-results li', (li) => li.textContent ?? '');
    expect(first).toContain('removed');
    expect(first).toContain('unexported');
    expect(first).toContain('x86/fpu');
    expect(first).toContain('An export that was withdrawn.');
  });

  it('searches the rationale prose below the symbol hits', async () => {
    const { page } = await search('withdrawn');
    await page.waitForSelector('#prose-results li');
    const prose = await page.$$eval('#prose-results .result-link code', (els) => els.map((e) => e.textContent));
    expect(prose).toContain('gamma_removed');
  });

  it('filters by tier, with counts, also with an empty query', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}search/?t=testing`);
    await page.waitForSelector('#prose-results li');
    const listed = await page.$$eval('#prose-results .result-link code', (els) => els.map((e) => e.textContent).sort());
    expect(listed).toEqual(['beta_ns', 'delta_mods']);
    await page.goto(`${server.url}search/`);
    await page.waitForSelector('[data-search][data-ready="true"]');
    await page.fill('#search-input', 'a');
    await page.fill('#search-input', 'beta');
    await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('“beta”'));
    const label = await page.$eval('select[data-filter="t"] option[value="testing"]', (o) => o.textContent);
    expect(label).toBe('testing (1)');
    await page.selectOption('select[data-filter="t"]', 'stable');
    await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.startsWith('0 symbols'));
  });

  it('works from the keyboard: / focuses search, arrows move through results, Enter opens one', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}symbols/alpha_stable/`);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
    await page.keyboard.type('delta_mods');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=delta_mods/);
    await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('“delta_mods”'));
    await page.focus('#search-input');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('delta_mods');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/symbols\/delta_mods\/$/);
  });

  it('leads to the A–Z index without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}symbols/alpha_stable/`);
    await page.fill('#site-search', 'beta');
    await page.press('#site-search', 'Enter');
    await page.waitForURL(/\/symbols\/\?q=beta/);
    expect(await page.textContent('h1')).toBe('A–Z index');
    await context.close();
  });
});
