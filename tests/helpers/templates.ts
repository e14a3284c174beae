// One page of every template of the built fixture site, for the quality tests (accessibility,
// layout, keyboard): a record page of each tier and each export type, an undocumented symbol, every
// listing, search and the module checker with results shown, a release, the 404 page.
import type { Page } from 'playwright-core';

export interface TemplatePage {
  /** What the page is, for messages. */
  name: string;
  /** Path below the site's base, without a leading slash. */
  path: string;
  /** Brings the page into the state to check (results shown); resolves when it is there. */
  ready?: (page: Page) => Promise<void>;
}

/** Waits for the search page to show the results of the query in its URL. */
export async function searchResultsShown(page: Page): Promise<void> {
  await page.waitForSelector('[data-search][data-ready="true"]');
  await page.waitForSelector('#search-results li');
  await page.waitForSelector('#prose-results li');
}

export const MODULE_LOG = [
  "ERROR: modpost: GPL-incompatible module foo.ko uses GPL-only symbol 'alpha_stable'",
  'ERROR: modpost: module foo uses symbol dma_buf_get from namespace DMA_BUF, but does not import it.',
  'ERROR: modpost: "gamma_removed" [/home/me/foo/foo.ko] undefined!',
  'ERROR: modpost: "delta_mods" [/home/me/foo/foo.ko] undefined!',
  'ERROR: modpost: "epsilon_ns" [/home/me/foo/foo.ko] undefined!',
].join('\n');

/** Pastes a modpost log into the module checker and waits for its result. */
export async function moduleResultShown(page: Page): Promise<void> {
  await page.waitForSelector('[data-check-module][data-ready="true"]');
  await page.fill('#cm-input', MODULE_LOG);
  await page.click('#cm-check');
  await page.waitForSelector('[data-check-module][data-checked="true"]');
}

/** The 404 page once its script has suggested symbols for the mistyped address. */
export async function suggestionsShown(page: Page): Promise<void> {
  await page.waitForSelector('#nf-suggestions li');
}

export const TEMPLATE_PAGES: TemplatePage[] = [
  { name: 'home', path: '' },
  // Record pages: every tier and every export type.
  { name: 'record: stable, EXPORT_SYMBOL_GPL', path: 'symbols/alpha_stable/' },
  { name: 'record: testing, EXPORT_SYMBOL_NS_GPL', path: 'symbols/beta_ns/' },
  { name: 'record: testing, EXPORT_SYMBOL_FOR_MODULES', path: 'symbols/delta_mods/' },
  { name: 'record: obsolete, EXPORT_SYMBOL', path: 'symbols/alloc_pages_vma/' },
  { name: 'record: obsolete, EXPORT_SYMBOL_NS', path: 'symbols/epsilon_ns/' },
  { name: 'record: removed, unexported', path: 'symbols/gamma_removed/' },
  { name: 'undocumented symbol', path: 'symbols/kernel_fpu_end/' },
  // Listings.
  { name: 'tier', path: 'status/testing/' },
  { name: 'tier (empty-ish)', path: 'status/stable/' },
  { name: 'export types', path: 'types/' },
  { name: 'export type with mechanisms', path: 'types/EXPORT_SYMBOL_NS_GPL/' },
  { name: 'export type', path: 'types/EXPORT_SYMBOL/' },
  { name: 'export type, a later page of its symbols', path: 'types/EXPORT_SYMBOL_GPL/2/' },
  { name: 'subsystems', path: 'subsystems/' },
  { name: 'subsystem', path: 'subsystems/x86-fpu/' },
  { name: 'namespaces', path: 'namespaces/' },
  { name: 'namespace', path: 'namespaces/fixture_ns/' },
  { name: 'namespace with symbols of the snapshot', path: 'namespaces/dma_buf/' },
  { name: 'module namespace', path: 'namespaces/module-kvm/' },
  { name: 'A–Z', path: 'symbols/' },
  { name: 'A–Z letter, first of its pages', path: 'a-z/p/' },
  { name: 'A–Z letter, a later page', path: 'a-z/p/2/' },
  { name: 'search with results', path: 'search/?q=alpha', ready: searchResultsShown },
  { name: 'coverage', path: 'coverage/' },
  { name: 'module checker with a result', path: 'check-module/', ready: moduleResultShown },
  { name: 'module checker across releases', path: 'check-module/?releases=all', ready: moduleResultShown },
  { name: 'releases', path: 'releases/' },
  { name: 'release', path: 'releases/v6.19/' },
  { name: 'release area', path: 'releases/v6.19/drivers-dma-buf/' },
  { name: 'release without snapshot', path: 'releases/v5.7/' },
  { name: 'data and feeds', path: 'data/' },
  { name: '404 with suggestions', path: 'symbols/alloc_pages_vmaa/', ready: suggestionsShown },
];
