// Full-text index of the decision records' prose (and its filters), written by Pagefind's Node API
// after the site is built. Only record pages (marked data-pagefind-body) are added: the tens of
// thousands of undocumented-symbol pages are found through the sharded symbol index instead, which
// keeps Pagefind's per-page metadata, and so the first query's download, small.
import fs from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';

const BATCH = 200;

export interface PagefindResult {
  pages: number;
  outputPath: string;
}

export async function writePagefindIndex(siteDir: string): Promise<PagefindResult> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  try {
    // Files are read and handed over in batches: one request at a time leaves both the indexer
    // and this process idle, waiting on each other (about 3x slower at 40,000 pages).
    const symbolsDir = path.join(siteDir, 'symbols');
    const names = fs.existsSync(symbolsDir) ? fs.readdirSync(symbolsDir) : [];
    let pages = 0;
    for (let i = 0; i < names.length; i += BATCH) {
      const batch = names.slice(i, i + BATCH).flatMap((name) => {
        const file = path.join(symbolsDir, name, 'index.html');
        if (!fs.existsSync(file)) return [];
        const content = fs.readFileSync(file, 'utf8');
        return content.includes('data-pagefind-body') ? [{ file, url: `/symbols/${name}/`, content }] : [];
      });
      const results = await Promise.all(batch.map(({ url, content }) => index.addHTMLFile({ url, content })));
      results.forEach((added, k) => {
        if (added.errors.length) throw new Error(`pagefind: ${batch[k]!.file}: ${added.errors.join('; ')}`);
      });
      pages += batch.length;
    }
    const outputPath = path.join(siteDir, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    return { pages, outputPath };
  } finally {
    await pagefind.close();
  }
}
