// What a built page weighs on the wire: its HTML, the JavaScript and CSS it loads (linked files,
// the modules they import, inline code), each gzipped as a static host serves it. Data fetched on
// use (JSON, such as the search index) is not counted: it loads only when a reader searches.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const BUDGETS = {
  /** JavaScript a page loads, gzipped. */
  js: 10 * 1024,
  /** CSS a page loads, gzipped. */
  css: 20 * 1024,
  /** A record page's HTML, gzipped. */
  recordHtml: 30 * 1024,
  /** Any page's HTML, gzipped: long listings are paginated to stay within it (issue 12). */
  html: 30 * 1024,
} as const;

export interface PageWeight {
  /** The page's path below the base, e.g. `symbols/alpha_stable/` (or `404.html`). */
  page: string;
  /** Gzipped bytes. */
  html: number;
  js: number;
  css: number;
  /** The files counted (below the base, `inline` for code in the page), for messages. */
  scripts: string[];
  styles: string[];
}

export const gzipSize = (data: string | Buffer): number => zlib.gzipSync(data).length;

const ATTR = (name: string) => new RegExp(`\\s${name}="([^"]*)"`);
const TAG = (name: string) => new RegExp(`<${name}\\b([^>]*)>([\\s\\S]*?)</${name}>`, 'g');

/** Files a script pulls in when it runs: static imports and literal dynamic imports of the site's own modules. */
const IMPORTS = /(?:\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?|\bimport\s*\(\s*|\bexport\s*[\w*{}\s,$]+\s*from\s*)["']([^"'`$]+\.m?js)["']/g;

/** Is a URL something this budget leaves out (data fetched on use, other hosts)? */
function excluded(url: string): boolean {
  return /^[a-z]+:|^\/\//i.test(url) || /\.json(?:[?#]|$)/.test(url);
}

/**
 * The weight of one built HTML page: `file` is its path in `distDir`, `base` the site's base path
 * (URLs in the page start with it).
 */
export function pageWeight(distDir: string, file: string, base = '/'): PageWeight {
  const root = base.endsWith('/') ? base : `${base}/`;
  const html = fs.readFileSync(file, 'utf8');
  const rel = path.relative(distDir, file).split(path.sep).join('/');
  const pageUrl = root + rel.replace(/(^|\/)index\.html$/, '$1');
  const toFile = (url: string, from: string) => {
    const resolved = new URL(url, `http://site${from}`).pathname;
    if (!resolved.startsWith(root)) throw new Error(`${rel}: ${url} is outside the base path ${root}`);
    return resolved.slice(root.length);
  };
  const read = (relFile: string) => {
    const full = path.join(distDir, decodeURIComponent(relFile));
    if (!fs.existsSync(full)) throw new Error(`${rel}: ${relFile} is not in the build`);
    return fs.readFileSync(full);
  };

  const scripts = new Map<string, number>();
  let inlineJs = 0;
  const visitScript = (relFile: string) => {
    if (scripts.has(relFile)) return;
    const body = read(relFile);
    scripts.set(relFile, gzipSize(body));
    for (const m of body.toString('utf8').matchAll(IMPORTS)) {
      if (!excluded(m[1]!)) visitScript(toFile(m[1]!, root + relFile));
    }
  };
  for (const m of html.matchAll(TAG('script'))) {
    const [, attrs = '', body = ''] = m;
    const type = ATTR('type').exec(attrs)?.[1];
    if (type && !/^(?:module|text\/javascript|application\/javascript)$/.test(type)) continue; // JSON data, templates
    const src = ATTR('src').exec(attrs)?.[1];
    if (src) {
      if (!excluded(src)) visitScript(toFile(src, pageUrl));
    } else if (body.trim()) {
      inlineJs += gzipSize(body);
      // An inline module may import the site's own chunks.
      for (const i of body.matchAll(IMPORTS)) if (!excluded(i[1]!)) visitScript(toFile(i[1]!, pageUrl));
    }
  }
  for (const m of html.matchAll(/<link\b([^>]*)>/g)) {
    const attrs = m[1]!;
    const href = ATTR('href').exec(attrs)?.[1];
    if (href && /\srel="modulepreload"/.test(attrs) && !excluded(href)) visitScript(toFile(href, pageUrl));
  }

  const styles = new Map<string, number>();
  let inlineCss = 0;
  for (const m of html.matchAll(/<link\b([^>]*)>/g)) {
    const attrs = m[1]!;
    const href = ATTR('href').exec(attrs)?.[1];
    if (href && /\srel="stylesheet"/.test(attrs) && !excluded(href)) {
      const relFile = toFile(href, pageUrl);
      if (!styles.has(relFile)) styles.set(relFile, gzipSize(read(relFile)));
    }
  }
  for (const m of html.matchAll(TAG('style'))) if (m[2]!.trim()) inlineCss += gzipSize(m[2]!);

  const sum = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
  return {
    page: rel.replace(/(^|\/)index\.html$/, '$1'),
    html: gzipSize(html),
    js: sum(scripts) + inlineJs,
    css: sum(styles) + inlineCss,
    scripts: [...scripts.keys(), ...(inlineJs ? ['inline'] : [])],
    styles: [...styles.keys(), ...(inlineCss ? ['inline'] : [])],
  };
}

/** Budget overruns of a page, one message each with the figures; empty when within budget. */
export function overBudget(w: PageWeight, isRecordPage: boolean): string[] {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const out: string[] = [];
  if (w.js > BUDGETS.js) out.push(`${w.page || '/'}: JavaScript ${kb(w.js)} gzipped > ${kb(BUDGETS.js)} (${w.scripts.join(', ')})`);
  if (w.css > BUDGETS.css) out.push(`${w.page || '/'}: CSS ${kb(w.css)} gzipped > ${kb(BUDGETS.css)} (${w.styles.join(', ')})`);
  const htmlBudget = isRecordPage ? BUDGETS.recordHtml : BUDGETS.html;
  if (w.html > htmlBudget) out.push(`${w.page || '/'}: HTML ${kb(w.html)} gzipped > ${kb(htmlBudget)}`);
  return out;
}

/** Traces of a client framework's runtime (React, Preact, Vue, Svelte, Solid, Astro islands) in a page or script. */
export function frameworkRuntime(text: string): string | undefined {
  const m =
    /<astro-island\b|\bastro-island\b|react-dom|__REACT_DEVTOOLS|\bpreact\b|__VUE__|createApp\(|\bsvelte\b|solid-js|\bhydrate\(/.exec(text);
  return m?.[0];
}
