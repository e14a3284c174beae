// The static 404 page in Chromium: for a mistyped symbol address it reads the sharded symbol index
// (the manifest and a few shards, not a list of every symbol) and suggests the closest symbols,
// also below a base path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildSite, FIXTURE_SITE, type BuiltSite } from '../helpers/site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { serveStatic, type StaticServer } from '../../src/lib/site/static-server.ts';
import { MAX_SUGGESTION_SHARDS } from '../../src/lib/site/not-found.ts';

let browser: Browser;
const sites: { site: BuiltSite; server: StaticServer }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const { site, server } of sites) {
    await server.close();
    site.cleanup();
  }
});

async function serve(base: string): Promise<StaticServer> {
  const site = buildSite(FIXTURE_SITE, { base });
  const server = await serveStatic(site.dir, base);
  sites.push({ site, server });
  return server;
}

/** Opens a missing address and returns the suggested symbols with their links, once the script is done. */
async function suggestions(page: Page, url: string): Promise<{ status: number; items: [string, string][] }> {
  const response = await page.goto(url);
  await page.waitForSelector('[data-not-found][data-ready="true"]');
  const items = await page.$$eval('#nf-suggestions li a', (as) =>
    as.map((a) => [a.textContent ?? '', a.getAttribute('href') ?? ''] as [string, string]),
  );
  return { status: response!.status(), items };
}

describe('the 404 page', () => {
  it('suggests the symbol a mistyped address meant, reading only the index shards it needs', async () => {
    const server = await serve('/');
    const page = await browser.newPage();
    server.resetCounts();
    const { status, items } = await suggestions(page, `${server.url}symbols/alloc_pages_vmaa/`);
    expect(status).toBe(404);
    expect(items[0]).toEqual(['alloc_pages_vma', '/symbols/alloc_pages_vma/']);
    expect(await page.textContent('h1')).toBe('Page not found');
    expect(await page.textContent('#nf-search')).toBe('Search for alloc_pages_vmaa');
    expect(await page.getAttribute('#nf-search', 'href')).toBe('/search/?q=alloc_pages_vmaa');
    // The manifest and at most a few shards of the symbol index; nothing else is fetched for it.
    const data = [...server.sent.keys()].filter((p) => p.endsWith('.json'));
    expect(data).toContain('/search-index/manifest.json');
    expect(data.length).toBeLessThanOrEqual(1 + MAX_SUGGESTION_SHARDS);
    expect(data.every((p) => p.startsWith('/search-index/'))).toBe(true);

    // A typo early in the name meets the symbol through a later part; an undocumented symbol too.
    expect((await suggestions(page, `${server.url}symbols/lloc_pages_vma/`)).items[0]?.[0]).toBe('alloc_pages_vma');
    expect((await suggestions(page, `${server.url}symbols/kernel_fpu_edn/`)).items[0]?.[0]).toBe('kernel_fpu_end');
    expect((await suggestions(page, `${server.url}kernel_fpu_begin_msk`)).items[0]?.[0]).toBe('kernel_fpu_begin_mask');
    await page.close();
  });

  it('says nothing more when the address names no symbol, or nothing is close', async () => {
    const server = sites[0]!.server;
    const page = await browser.newPage();
    const none = await suggestions(page, `${server.url}releases/v9.9/`);
    expect(none).toEqual({ status: 404, items: [] });
    expect(await page.isHidden('#nf-section')).toBe(true);
    const far = await suggestions(page, `${server.url}symbols/zzzzzzzz_qqqq/`);
    expect(far.items).toEqual([]);
    expect(await page.isVisible('#nf-search')).toBe(true);
    await page.close();
  });

  it('links the suggestions below a base path', async () => {
    const server = await serve('/kernel-exports/');
    const page = await browser.newPage();
    const { items } = await suggestions(page, `${server.url}symbols/alloc_pages_vmaa/`);
    expect(items[0]).toEqual(['alloc_pages_vma', '/kernel-exports/symbols/alloc_pages_vma/']);
    await page.click('#nf-suggestions a >> nth=0');
    await page.waitForURL(/\/kernel-exports\/symbols\/alloc_pages_vma\/$/);
    expect(await page.textContent('h1')).toBe('alloc_pages_vma');
    await page.close();
  });
});
