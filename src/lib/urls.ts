// Every site URL is built here, so pages, rendered bodies, feeds and the API agree, and the site
// works under any base path (e.g. /kernel-exports/ on GitHub Pages).

export type SitePaths = ReturnType<typeof sitePaths>;

export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'none'
  );
}

/** The A–Z index's path segment for a letter: "a"… "z", "other" for "#". */
export function letterSlug(letter: string): string {
  return letter === '#' ? 'other' : letter.toLowerCase();
}

export function sitePaths(base: string) {
  const root = base.endsWith('/') ? base : base + '/';
  return {
    home: () => root,
    symbol: (symbol: string) => `${root}symbols/${symbol}/`,
    symbols: () => `${root}symbols/`,
    /** A page of the A–Z index: one letter ("#" for digits and other characters), paginated. */
    letter: (letter: string, page = 1) => `${root}a-z/${letterSlug(letter)}/${page > 1 ? `${page}/` : ''}`,
    tier: (tier: string) => `${root}status/${tier}/`,
    type: (type: string, page = 1) => `${root}types/${type}/${page > 1 ? `${page}/` : ''}`,
    types: () => `${root}types/`,
    subsystem: (subsystem: string) => `${root}subsystems/${slugify(subsystem)}/`,
    subsystems: () => `${root}subsystems/`,
    namespace: (namespace: string, page = 1) => `${root}namespaces/${slugify(namespace)}/${page > 1 ? `${page}/` : ''}`,
    namespaces: () => `${root}namespaces/`,
    // Module check and coverage (issue 5).
    checkModule: () => `${root}check-module/`,
    coverage: () => `${root}coverage/`,
    asset: (path: string) => `${root}${path.replace(/^\//, '')}`,
    // Releases, data files and feeds (issue 7).
    releases: () => `${root}releases/`,
    release: (release: string) => `${root}releases/${release}/`,
    releaseArea: (release: string, areaSlug: string) => `${root}releases/${release}/${areaSlug}/`,
    data: () => `${root}data/`,
    apiExports: () => `${root}api/v1/exports.json`,
    apiSymbol: (symbol: string) => `${root}api/v1/symbols/${symbol}.json`,
    apiReleases: () => `${root}api/v1/releases.json`,
    apiSnapshot: (release: string) => `${root}api/v1/snapshots/${release}.json`,
    apiSchema: () => `${root}api/v1/schema.json`,
    abi: (tier: string) => `${root}abi/${tier}.txt`,
    feedAll: () => `${root}feeds/all.xml`,
    feedSubsystem: (subsystem: string) => `${root}feeds/subsystems/${slugify(subsystem)}.xml`,
    feedNamespace: (namespace: string) => `${root}feeds/namespaces/${slugify(namespace)}.xml`,
    sitemap: () => `${root}sitemap.xml`,
    sitemapPart: (n: number) => `${root}sitemap-${n}.xml`,
  };
}

/** An absolute URL for a site path (feeds, sitemaps and the API need them); `site` is Astro's `site`. */
export function absoluteUrl(site: string | URL | undefined, sitePath: string): string {
  return new URL(sitePath, site ?? DEFAULT_SITE).href;
}

/** The origin used when no SITE is configured (astro.config.mjs has the same default). */
export const DEFAULT_SITE = 'https://kernel-export-decisions.github.io';

export const REPOSITORY_URL = 'https://github.com/kernel-export-decisions/kernel-export-decisions';

export function editUrl(sourcePath: string): string {
  return `${REPOSITORY_URL}/edit/main/${sourcePath}`;
}

export function commitUrl(id: string): string {
  return `https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=${id}`;
}

/** The line in a browsable copy of that release's source. */
export function sourceUrl(release: string, file: string, line: number): string {
  return `https://elixir.bootlin.com/linux/${release}/source/${file}#L${line}`;
}

/** GitHub's "create a file" page with the file name and contents filled in. */
export function newFileUrl(repoPath: string, contents: string): string {
  const dir = repoPath.split('/').slice(0, -1).join('/');
  const name = repoPath.split('/').at(-1) ?? '';
  return `${REPOSITORY_URL}/new/main/${dir}?filename=${encodeURIComponent(name)}&value=${encodeURIComponent(contents)}`;
}

/** Symbols usable as a URL path segment (parisc's $$divI and tracepoints like 9p_fid_ref included). */
export function isPageName(symbol: string): boolean {
  return /^[A-Za-z0-9_$]+$/.test(symbol);
}
