// Layout of the built fixture site in Chromium: screenshots of the home page, a record page and
// search results at 375 and 1280 px in light and dark (written to screenshots/, for a person to
// look at), no sideways scrolling at 375 px on any template, and a clean printed record page.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { FIXTURE_SITE } from '../helpers/site.ts';
import { openServedSite } from '../helpers/served-site.ts';
import { searchResultsShown, TEMPLATE_PAGES } from '../helpers/templates.ts';
import type { StaticServer } from '../../src/lib/site/static-server.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';

/** Where the screenshots go (git-ignored; the README names it). */
const SCREENSHOTS = path.join(REPO_ROOT, 'screenshots');

let server: StaticServer;
let browser: Browser;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ server, browser, close } = await openServedSite(FIXTURE_SITE));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await close?.();
});

const SHOTS = [
  { name: 'home', path: '' },
  { name: 'record', path: 'symbols/beta_ns/' },
  { name: 'search', path: 'search/?q=alpha', ready: searchResultsShown },
];

async function open(width: number, colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  return context.newPage();
}

describe('screenshots', () => {
  for (const width of [375, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`of home, a record page and search results at ${width} px, ${scheme}`, async () => {
        const page = await open(width, scheme);
        for (const shot of SHOTS) {
          await page.goto(server.url + shot.path);
          await shot.ready?.(page);
          const file = path.join(SCREENSHOTS, `${shot.name}-${width}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          expect(fs.statSync(file).size).toBeGreaterThan(5000);
          const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          expect(background).toBe(scheme === 'dark' ? 'rgb(18, 20, 23)' : 'rgb(255, 255, 255)');
        }
        await page.context().close();
      });
    }
  }
});

describe('at 375 px', () => {
  it('no template scrolls sideways', async () => {
    const page = await open(375, 'light');
    const wide: string[] = [];
    for (const t of TEMPLATE_PAGES) {
      await page.goto(server.url + t.path);
      await t.ready?.(page);
      const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (scrollWidth > innerWidth!) {
        // Name the elements that stick out, to say what to fix.
        const culprits = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('body *')]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ')[0]}` : ''}`),
        );
        wide.push(`/${t.path}: ${scrollWidth} px > ${innerWidth} px (${culprits.join(', ')})`);
      }
    }
    expect(wide).toEqual([]);
    await page.context().close();
  });

  it('would notice a page that does', async () => {
    const page = await open(375, 'light');
    await page.goto(server.url);
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<div style="width: 500px">wide</div>'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(true);
    await page.context().close();
  });
});

describe('printing a record page', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`hides header, footer and search and prints dark on white (${scheme} scheme)`, async () => {
      const page = await open(794, scheme); // A4 at 96 dpi
      await page.goto(`${server.url}symbols/beta_ns/`);
      await page.emulateMedia({ media: 'print', colorScheme: scheme });
      const shown = await page.evaluate(() => {
        const display = (selector: string) => [...document.querySelectorAll(selector)].map((e) => getComputedStyle(e).display);
        return {
          header: display('.site-header'),
          footer: display('.site-footer'),
          search: display('.search-form'),
          skip: display('.skip-link'),
          edit: display('.edit'),
          main: display('main'),
          threads: display('.threads'),
        };
      });
      expect(shown).toEqual({
        header: ['none'],
        footer: ['none'],
        search: ['none'],
        skip: ['none'],
        edit: ['none'],
        main: ['block'],
        threads: ['block'],
      });
      const colours = await page.evaluate(() => {
        const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
        return {
          body: [style('body').color, style('body').backgroundColor],
          pre: style('pre').backgroundColor,
          link: style('.facts a').color,
        };
      });
      expect(colours.body).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
      expect(colours.link).toBe('rgb(0, 0, 0)');
      // Panels keep a light background even when the reader's screen is dark.
      expect(colours.pre).toBe('rgb(244, 246, 248)');
      // Thread links print their address.
      const after = await page.evaluate(() => getComputedStyle(document.querySelector('.threads a')!, '::after').content);
      expect(after).toContain('https://lore.kernel.org/r/');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, `record-print-${scheme}.png`), fullPage: true });
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.context().close();
    });
  }
});
