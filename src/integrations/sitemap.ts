// Writes sitemap.xml (an index) and its parts at the end of `astro build`, from the pages the build
// wrote or kept, so every page is listed whichever route produced it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { htmlPagePaths, renderSitemaps } from '../lib/sitemap.ts';
import { absoluteUrl, sitePaths } from '../lib/urls.ts';

/** `alsoPages`: pages the build kept from the previous one without rendering (page cache). */
export function sitemap(alsoPages: () => string[] = () => []): AstroIntegration {
  let site: string | undefined;
  let base = '/';
  return {
    name: 'sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site;
        base = config.base;
      },
      'astro:build:done': ({ dir, pages, logger }) => {
        const paths = sitePaths(base);
        const urls = htmlPagePaths([...pages.map((p) => p.pathname), ...alsoPages()]).map((p) => absoluteUrl(site, paths.asset(p)));
        const { index, parts } = renderSitemaps(urls, (n) => absoluteUrl(site, paths.sitemapPart(n)));
        const out = fileURLToPath(dir);
        fs.writeFileSync(path.join(out, 'sitemap.xml'), index);
        parts.forEach((part, i) => fs.writeFileSync(path.join(out, `sitemap-${i + 1}.xml`), part));
        logger.info(`sitemap.xml: ${urls.length} pages in ${parts.length} file${parts.length === 1 ? '' : 's'}`);
      },
    },
  };
}
