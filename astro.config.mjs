// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { sitemap } from './src/integrations/sitemap.ts';
import { pageCache } from './src/integrations/page-cache.ts';
import { apiSymbolFiles } from './src/integrations/api-symbol-files.ts';
import { recordsLiveReload } from './src/integrations/records-live-reload.ts';
import { staleOutput } from './src/integrations/stale-output.ts';
import { buildCacheDir } from './src/lib/project.ts';

// Unchanged symbol pages are kept from the previous build (KED_PAGE_CACHE_OFF=1 renders all).
const cache = pageCache();

// KED_SITE and BASE_PATH let the same build serve from any static host and base path (GitHub Pages).
// The site's own name, not SITE: an unrelated SITE in a user's shell must not change (or break) the build.
const site = process.env.KED_SITE || 'https://kernel-export-decisions.github.io';
if (!URL.canParse(site) || !/^https?:$/.test(new URL(site).protocol)) {
  throw new Error(`KED_SITE must be the public site's origin, an http(s) URL such as https://example.org (got "${site}")`);
}

export default defineConfig({
  site,
  base: process.env.BASE_PATH ?? '/',
  trailingSlash: 'always',
  output: 'static',
  // Tests and benchmarks build other content trees into temp dirs, with their own cache.
  outDir: process.env.KED_OUT_DIR ?? './dist',
  cacheDir: buildCacheDir(),
  // Many pages in flight, so their file writes overlap (at 40,000 pages: 4 → 32 saves a few seconds; 1 doubles the time).
  build: { format: 'directory', concurrency: Number(process.env.KED_BUILD_CONCURRENCY ?? 32) },
  devToolbar: { enabled: false },
  // MDX for the site's own authored pages only; records are parsed by src/lib and never compiled.
  integrations: [mdx(), cache, sitemap(cache.reusedPages), apiSymbolFiles(), recordsLiveReload(), staleOutput()],
});
