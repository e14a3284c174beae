// Wires the page cache (src/lib/site/page-cache.ts) into `astro build`: stash the previous build's
// symbol pages at the start, move the unchanged ones back at the end. The routes find
// the cache through KED_PAGE_CACHE, set only during a build (the dev server renders everything).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { restoreReusedOutputs, stashPreviousOutputs } from '../lib/site/page-cache.ts';
import { codeDigest } from '../lib/site/page-keys.ts';

/** Output folders whose pages are keyed per symbol; everything else is rendered on every build. */
export const CACHED_FOLDERS = ['symbols'];

export type PageCacheIntegration = AstroIntegration & { reusedPages: () => string[] };

export function pageCache(): PageCacheIntegration {
  let root = '';
  let outDir = '';
  let stateDir = '';
  let configKey: Record<string, unknown> = {};
  let reused: string[] = [];
  return {
    name: 'page-cache',
    /** Reused pages as Astro names them (`symbols/kmalloc/`). */
    reusedPages: () => reused.map((output) => `${output}/`),
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        outDir = fileURLToPath(config.outDir);
        stateDir = path.join(fileURLToPath(config.cacheDir), 'ked-pages');
        configKey = {
          site: config.site,
          base: config.base,
          trailingSlash: config.trailingSlash,
          format: config.build.format,
          env: process.env.KED_CONTENT_ROOT ?? '',
        };
      },
      'astro:build:start': ({ logger }) => {
        if (process.env.KED_PAGE_CACHE_OFF) return;
        const { stashed } = stashPreviousOutputs(stateDir, outDir, CACHED_FOLDERS, codeDigest(root, configKey));
        process.env.KED_PAGE_CACHE = stateDir;
        if (stashed) logger.info(`${stashed} symbol pages from the previous build kept aside for reuse`);
      },
      'astro:build:done': ({ logger }) => {
        if (!process.env.KED_PAGE_CACHE) return;
        reused = restoreReusedOutputs(stateDir, outDir);
        delete process.env.KED_PAGE_CACHE;
        logger.info(`${reused.length} unchanged symbol pages reused`);
      },
    },
  };
}
