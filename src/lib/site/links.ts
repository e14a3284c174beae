// Checks a built site: every internal link and #anchor in the HTML resolves to a file and id in
// the output, under the site's base path; external links must at least be well-formed URLs.
import fs from 'node:fs';
import path from 'node:path';

export interface BrokenLink {
  page: string;
  href: string;
  reason: string;
}

const HREF = /\s(?:href|src|action)="([^"]*)"/g;
const ID = /\sid="([^"]*)"/g;

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(full));
    else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

export function checkLinks(distDir: string, base = '/'): { pages: number; links: number; broken: BrokenLink[] } {
  const root = base.endsWith('/') ? base : base + '/';
  const files = htmlFiles(distDir);
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) {
      set = new Set([...fs.readFileSync(file, 'utf8').matchAll(ID)].map((m) => decodeEntities(m[1]!)));
      ids.set(file, set);
    }
    return set;
  };
  const broken: BrokenLink[] = [];
  let links = 0;
  for (const file of files) {
    const html = fs.readFileSync(file, 'utf8');
    const page = '/' + path.relative(distDir, file).split(path.sep).join('/');
    for (const m of html.matchAll(HREF)) {
      const href = decodeEntities(m[1]!);
      links++;
      if (/^(?:mailto:|tel:)/i.test(href)) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) {
        try {
          const url = new URL(href.startsWith('//') ? 'https:' + href : href);
          if (!/^https?:$/.test(url.protocol)) broken.push({ page, href, reason: `unexpected scheme ${url.protocol}` });
          // Well formed without asking the network: a dotted host name, nothing a browser would fix up.
          else if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(url.hostname))
            broken.push({ page, href, reason: `no host name in ${url.protocol}//${url.hostname}` });
          else if (/\s/.test(href)) broken.push({ page, href, reason: 'whitespace in URL' });
        } catch {
          broken.push({ page, href, reason: 'malformed URL' });
        }
        continue;
      }
      const [target = '', anchor] = href.split('#', 2);
      let targetFile = file;
      if (target !== '') {
        const resolved = new URL(target, 'http://site' + root + path.relative(distDir, file).split(path.sep).join('/')).pathname;
        if (!resolved.startsWith(root)) {
          broken.push({ page, href, reason: `outside the base path ${root}` });
          continue;
        }
        const rel = decodeURIComponent(resolved.slice(root.length));
        const candidate = path.join(distDir, rel);
        targetFile = rel === '' || rel.endsWith('/') ? path.join(candidate, 'index.html') : candidate;
        if (!fs.existsSync(targetFile) || fs.statSync(targetFile).isDirectory()) {
          broken.push({ page, href, reason: 'no such file in the build' });
          continue;
        }
      }
      if (anchor && targetFile.endsWith('.html') && !idsOf(targetFile).has(decodeURIComponent(anchor))) {
        broken.push({ page, href, reason: `no element with id "${anchor}"` });
      }
    }
  }
  return { pages: files.length, links, broken };
}
