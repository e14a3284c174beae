// The built fixture site from the keyboard, in Chromium: Tab reaches every interactive element of
// every template and each shows a visible focus ring (outline or box-shadow under :focus-visible),
// `/` focuses search, and the skip link moves focus to the main content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { FIXTURE_SITE } from '../helpers/site.ts';
import { openServedSite } from '../helpers/served-site.ts';
import { TEMPLATE_PAGES } from '../helpers/templates.ts';
import type { StaticServer } from '../../src/lib/site/static-server.ts';

let server: StaticServer;
let browser: Browser;
let close: (() => Promise<void>) | undefined;
let page: Page;

beforeAll(async () => {
  ({ server, browser, close } = await openServedSite(FIXTURE_SITE));
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await close?.();
});

const INTERACTIVE =
  'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** Numbers the page's visible interactive elements (data-kbd) and returns how many there are. */
function numberInteractive(p: Page): Promise<number> {
  return p.evaluate((selector) => {
    const visible = (e: Element) =>
      e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('[hidden], [inert]');
    const all = [...document.querySelectorAll(selector)].filter(visible);
    all.forEach((e, i) => e.setAttribute('data-kbd', String(i)));
    return all.length;
  }, INTERACTIVE);
}

interface Stop {
  index: number;
  label: string;
  ring: boolean;
}

/** What has focus now: its number and whether it shows a focus ring. */
function focused(p: Page): Promise<Stop | undefined> {
  return p.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return undefined;
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow !== 'none';
    return {
      index: Number(e.getAttribute('data-kbd') ?? -1),
      label: `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} "${(e.textContent ?? '').trim().slice(0, 30) || (e as HTMLInputElement).name || ''}"`,
      ring: e.matches(':focus-visible') && (outline || shadow),
    };
  });
}

describe('Tab', () => {
  for (const t of TEMPLATE_PAGES) {
    it(`reaches every interactive element with a visible focus ring on ${t.name}`, async () => {
      await page.goto(server.url + t.path);
      await t.ready?.(page);
      // Start from the top of the document, as a reader who just arrived (a check-module result
      // leaves focus, and so the Tab starting point, on its button).
      await page.evaluate(() => {
        const start = Object.assign(document.createElement('span'), { tabIndex: -1 });
        document.body.prepend(start);
        start.focus();
      });
      const count = await numberInteractive(page);
      expect(count).toBeGreaterThan(10);
      const reached = new Set<number>();
      const noRing: string[] = [];
      const outside: string[] = [];
      for (let i = 0; i < count + 5; i++) {
        await page.keyboard.press('Tab');
        const stop = await focused(page);
        if (!stop) break; // past the last element, focus leaves the document
        if (stop.index < 0) outside.push(stop.label);
        if (reached.has(stop.index)) break;
        reached.add(stop.index);
        if (!stop.ring) noRing.push(stop.label);
      }
      const missed = await page.evaluate(
        (seen) =>
          [...document.querySelectorAll('[data-kbd]')]
            .filter((e) => !seen.includes(Number(e.getAttribute('data-kbd'))))
            .map((e) => `${e.tagName.toLowerCase()} "${(e.textContent ?? '').trim().slice(0, 30)}"`),
        [...reached],
      );
      expect({ missed, noRing, outside }).toEqual({ missed: [], noRing: [], outside: [] });
    });
  }

  it('notices an element without a focus ring (the check is not vacuous)', async () => {
    await page.goto(server.url);
    await page.addStyleTag({ content: '.site-name:focus-visible { outline: none !important; }' });
    await numberInteractive(page);
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // site name
    expect(await focused(page)).toMatchObject({ label: 'a "Kernel Export Decisions"', ring: false });
  });
});

describe('the skip link', () => {
  it('is the first stop, shows itself, and moves focus to the main content', async () => {
    await page.goto(`${server.url}symbols/beta_ns/`);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      const r = e.getBoundingClientRect();
      return { text: e.textContent, onScreen: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.width > 0 };
    });
    expect(skip).toEqual({ text: 'Skip to content', onScreen: true });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');
    // The next Tab continues inside the main content, past the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
  });
});

describe('the / key', () => {
  it("focuses the header search box, or the search page's own box, but types in a field", async () => {
    await page.goto(server.url);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
    expect(await page.inputValue('#site-search')).toBe('');

    await page.goto(`${server.url}search/`);
    await page.waitForSelector('[data-search][data-ready="true"]');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('a/b');
    expect(await page.inputValue('#search-input')).toBe('a/b');

    await page.goto(`${server.url}check-module/`);
    await page.focus('#cm-input');
    await page.keyboard.type('x/y');
    expect(await page.inputValue('#cm-input')).toBe('x/y');
  });
});
