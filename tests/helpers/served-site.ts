// A built site served on loopback with a browser open on it: the set-up every browser test shares.
import type { Browser } from 'playwright-core';
import { buildSite, type BuildOptions, type BuiltSite } from './site.ts';
import { launchBrowser } from './browser.ts';
import { serveStatic, type StaticServer } from '../../src/lib/site/static-server.ts';

export interface ServedSite {
  site: BuiltSite;
  server: StaticServer;
  browser: Browser;
  /** Closes the browser and the server and removes the build. */
  close: () => Promise<void>;
}

export async function openServedSite(contentRoot: string, options: BuildOptions = {}): Promise<ServedSite> {
  const site = buildSite(contentRoot, options);
  const server = await serveStatic(site.dir, options.base);
  const browser = await launchBrowser();
  return {
    site,
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      site.cleanup();
    },
  };
}
