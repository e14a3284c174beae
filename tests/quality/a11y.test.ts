// Accessibility of every page template of the built fixture site: axe-core finds no violation in
// light and dark colour schemes (contrast, landmarks, heading order, labels, link names…), and none
// on a phone-sized viewport either (where tables and code could overflow into scrolling regions;
// what depends on the width does not depend on the scheme, so the phone is checked in light only).
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { FIXTURE_SITE } from '../helpers/site.ts';
import { openServedSite } from '../helpers/served-site.ts';
import { TEMPLATE_PAGES, type TemplatePage } from '../helpers/templates.ts';
import type { StaticServer } from '../../src/lib/site/static-server.ts';

let server: StaticServer;
let browser: Browser;
let close: (() => Promise<void>) | undefined;
const pages = new Map<string, Page>();

const VIEWS = [
  { name: 'light', colorScheme: 'light', width: 1280 },
  { name: 'dark', colorScheme: 'dark', width: 1280 },
  { name: 'light, 375 px', colorScheme: 'light', width: 375 },
] as const;

beforeAll(async () => {
  ({ server, browser, close } = await openServedSite(FIXTURE_SITE));
  // One tab per view, reused from page to page (each goto starts the page afresh).
  for (const v of VIEWS)
    pages.set(
      v.name,
      await (await browser.newContext({ colorScheme: v.colorScheme, viewport: { width: v.width, height: 900 } })).newPage(),
    );
});
afterAll(async () => {
  await close?.();
});

/** axe's violations on one page in one view, one line each with the elements and what to fix. */
async function violations(t: TemplatePage, view: (typeof VIEWS)[number]): Promise<string[]> {
  const page = pages.get(view.name)!;
  await page.goto(server.url + t.path);
  await t.ready?.(page);
  // The colour scheme really applies (the stylesheet switches on prefers-color-scheme).
  const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  expect(dark).toBe(view.colorScheme === 'dark');
  // Legacy mode: the pages have no frames, and it saves the blank page axe opens per run.
  const result = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return result.violations.map(
    (v) =>
      `${view.name} /${t.path}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`).join('; ')}`,
  );
}

describe('axe-core finds no violation', () => {
  for (const t of TEMPLATE_PAGES) {
    it(`on ${t.name} (/${t.path})`, async () => {
      const found: string[] = [];
      for (const view of VIEWS) found.push(...(await violations(t, view)));
      expect(found).toEqual([]);
    });
  }
});

describe('the check', () => {
  it('is not vacuous: a dark-grey text on the dark scheme is a contrast violation', async () => {
    const page = pages.get('dark')!;
    await page.goto(server.url);
    await page.evaluate(() => {
      document.querySelector<HTMLElement>('.lede')!.style.color = '#333';
    });
    const result = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
    expect(result.violations.map((v) => v.id)).toEqual(['color-contrast']);
  });
});
