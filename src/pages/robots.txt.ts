import { paths, site } from '../data/site.ts';
import { robotsTxt } from '../lib/sitemap.ts';
import { absoluteUrl } from '../lib/urls.ts';

// Crawlers read robots.txt only at the host root: this one counts when the site is served at the root.
export function GET() {
  return new Response(robotsTxt(absoluteUrl(site, paths.sitemap())), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
