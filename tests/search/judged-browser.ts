// Runs the judged queries (judged-queries.ts) on a served site's search page in Chromium: the test
// against the fixture site and `npm run bench:search` against v6.19 share it.
import type { Page } from 'playwright-core';
import { judgedFor, met, type JudgedSite, type QueryKind } from './judged-queries.ts';

/** The result links the search page shows for a query, in reading order, as paths below the base. */
export async function resultPaths(page: Page, query: string, base = '/'): Promise<string[]> {
  await page.fill('#search-input', '');
  await page.fill('#search-input', query);
  await page.waitForFunction((q) => document.querySelector<HTMLElement>('[data-search]')?.dataset['settled'] === q, query.trim());
  const hrefs = await page.$$eval('[data-search] .result-link', (links) => links.map((a) => (a as HTMLAnchorElement).href));
  return hrefs.map((href) => {
    const url = new URL(href);
    const path = url.pathname.startsWith(base) ? `/${url.pathname.slice(base.length)}` : url.pathname;
    return `${path}${url.hash}`;
  });
}

export interface JudgedOutcome {
  q: string;
  kind: QueryKind;
  pages: string[];
  top: string[];
  met: boolean;
}

/** Every query judged on `site`, run on the search page at `searchUrl`. */
export async function runJudged(
  page: Page,
  searchUrl: string,
  site: JudgedSite,
  base = '/',
): Promise<{ share: number; outcomes: JudgedOutcome[] }> {
  await page.goto(searchUrl);
  await page.waitForSelector('[data-search][data-ready="true"]');
  const outcomes: JudgedOutcome[] = [];
  for (const { q, kind, pages } of judgedFor(site)) {
    const top = (await resultPaths(page, q, base)).slice(0, 5);
    outcomes.push({ q, kind, pages, top, met: met(pages, top) });
  }
  return { share: outcomes.filter((o) => o.met).length / outcomes.length, outcomes };
}
