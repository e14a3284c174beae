// sitemap.xml (sitemaps.org protocol): an index at the site root pointing to numbered files of at
// most SITEMAP_PART_SIZE page URLs each (the protocol allows 50,000 per file and 50 MB), built from
// the pages the build actually wrote, under the site's base path.
import { xmlEscape } from './feeds.ts';

export const SITEMAP_URL_LIMIT = 50_000;
export const SITEMAP_PART_SIZE = 10_000;

const XMLNS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/**
 * The HTML pages among the build's output paths (Astro's `pages`, relative to the base, e.g.
 * "symbols/foo/", "" for the home page); files such as "api/v1/exports.json" and the 404 page are
 * left out. Sorted, without duplicates.
 */
export function htmlPagePaths(pathnames: readonly string[]): string[] {
  const pages = new Set<string>();
  for (const raw of pathnames) {
    const p = raw.replace(/^\/+/, '');
    if (p !== '' && !p.endsWith('/')) continue;
    if (p === '404/') continue;
    pages.add(p);
  }
  return [...pages].sort();
}

export interface Sitemaps {
  /** The sitemap index, written as sitemap.xml. */
  index: string;
  /** The numbered parts, written as sitemap-<n>.xml (n from 1). */
  parts: string[];
}

/** `urls` are absolute page URLs; `partUrl(n)` the absolute URL of part n. */
export function renderSitemaps(urls: readonly string[], partUrl: (n: number) => string, partSize = SITEMAP_PART_SIZE): Sitemaps {
  if (partSize < 1 || partSize > SITEMAP_URL_LIMIT) throw new Error(`a sitemap holds 1 to ${SITEMAP_URL_LIMIT} URLs`);
  const parts: string[] = [];
  // An empty site still gets one (empty) part, so the index is never empty.
  for (let i = 0; i < Math.max(urls.length, 1); i += partSize) {
    const chunk = urls.slice(i, i + partSize);
    parts.push(
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${XMLNS}">\n${chunk.map((u) => `<url><loc>${xmlEscape(u)}</loc></url>\n`).join('')}</urlset>\n`,
    );
  }
  const index =
    `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${XMLNS}">\n` +
    parts.map((_, n) => `<sitemap><loc>${xmlEscape(partUrl(n + 1))}</loc></sitemap>\n`).join('') +
    '</sitemapindex>\n';
  return { index, parts };
}

/** robots.txt: everything may be crawled; the sitemap index is named with its absolute URL. */
export function robotsTxt(sitemapUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`;
}
