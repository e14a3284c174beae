// The page chrome every page shares: head tags, the site header with its search box, the footer
// and the search-box script. Base.astro places these pieces around Astro-rendered pages; symbol
// pages (rendered by symbol-page.ts at kernel scale) get the same bytes from documentHtml().
import type { SitePaths } from '../urls.ts';
import { html, raw, type Html, type Part } from './html.ts';

export const SITE_NAME = 'Kernel Export Decisions';
export const DEFAULT_DESCRIPTION = 'How, since when and why each Linux kernel symbol is exported to modules.';

export function fullTitle(title: string): string {
  return title === SITE_NAME ? title : `${title} · ${SITE_NAME}`;
}

export function headTags(paths: SitePaths, title: string, description: string = DEFAULT_DESCRIPTION): Html {
  return html`<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${fullTitle(title)}</title><meta name="description" content="${description}"><link rel="icon" href="${paths.asset('favicon.svg')}" type="image/svg+xml">`;
}

export function siteHeader(paths: SitePaths): Html {
  const nav: [string, string][] = [
    [paths.tier('stable'), 'Tiers'],
    [paths.types(), 'Export types'],
    [paths.subsystems(), 'Subsystems'],
    [paths.namespaces(), 'Namespaces'],
    [paths.symbols(), 'A–Z'],
    [paths.asset('search/'), 'Search'],
    [paths.checkModule(), 'Check a module'],
  ];
  return html`<a class="skip-link" href="#content">Skip to content</a><header class="site-header"><a class="site-name" href="${paths.home()}">${SITE_NAME}</a><nav aria-label="Main"><ul>${nav.map(([href, label]) => html`<li><a href="${href}">${label}</a></li>`)}</ul></nav><form class="search-form" role="search" aria-label="Symbols" action="${paths.symbols()}" method="get" data-search-url="${paths.asset('search/')}"><label for="site-search" class="visually-hidden">Search symbols</label><input id="site-search" name="q" type="search" placeholder="Search symbols" autocomplete="off" spellcheck="false"></form></header>`;
}

export function siteFooter(paths: SitePaths): Html {
  const links: [string, string][] = [
    [paths.home(), 'Home'],
    [paths.symbols(), 'A–Z index'],
    [paths.types(), 'Export types'],
    [paths.releases(), 'Releases'],
    [paths.data(), 'Data and feeds'],
    [paths.feedAll(), 'Atom feed'],
    [paths.apiExports(), 'JSON API'],
    [paths.abi('stable'), 'ABI text'],
    [paths.coverage(), 'Coverage'],
    [paths.checkModule(), 'Check a module'],
    [paths.sitemap(), 'Sitemap'],
  ];
  const nav = links.map(([href, label], i) => html`${i > 0 && ' · '}<a href="${href}">${label}</a>`);
  return html`<footer class="site-footer"><p>Records describe module-facing export decisions taken on the kernel mailing lists. The kernel has no stable in-kernel API; the tiers here say how settled a decision is, not a promise from the kernel.</p><nav aria-label="Footer">${nav}</nav></footer>`;
}

/** Without JavaScript the header box leads to the A–Z index; with it, to the search page. "/" focuses search. */
export const SEARCH_BOX_SCRIPT = `(function () {
  var form = document.querySelector('.search-form');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    location.href = form.dataset.searchUrl + '?q=' + encodeURIComponent(form.q.value);
  });
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable) return;
    e.preventDefault();
    (document.getElementById('search-input') || document.getElementById('site-search')).focus();
  });
})();`;

export interface DocumentParts {
  paths: SitePaths;
  /** The site stylesheet's URL (its hashed build asset). */
  stylesheet: string;
  title: string;
  description?: string;
  main: Part;
  /** Extra head tags (a redirect's refresh and canonical link). */
  head?: Html;
}

/** A whole page, as Base.astro lays it out. */
export function documentHtml(page: DocumentParts): string {
  const { paths } = page;
  return html`<!DOCTYPE html><html lang="en"><head>${headTags(paths, page.title, page.description)}<link rel="stylesheet" href="${page.stylesheet}">${page.head}</head><body>${siteHeader(paths)}<main id="content" tabindex="-1">${page.main}</main>${siteFooter(paths)}<script>${raw(SEARCH_BOX_SCRIPT)}</script></body></html>`
    .value;
}
