// Full-text index of the decision records' prose (and its filters), written by Pagefind's Node API
// after the site is built. Only record pages (marked data-pagefind-body) are added: the tens of
// thousands of undocumented-symbol pages are found through the sharded symbol index instead, which
// keeps Pagefind's per-page metadata, and so the first query's download, small.
import fs from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';

export interface PagefindResult {
  pages: number;
  outputPath: string;
}

export async function writePagefindIndex(siteDir: string): Promise<PagefindResult> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  try {
    let pages = 0;
    const symbolsDir = path.join(siteDir, 'symbols');
    for (const name of fs.existsSync(symbolsDir) ? fs.readdirSync(symbolsDir) : []) {
      const file = path.join(symbolsDir, name, 'index.html');
      if (!fs.existsSync(file)) continue;
      const content = fs.readFileSync(file, 'utf8');
      if (!content.includes('data-pagefind-body')) continue;
      const added = await index.addHTMLFile({ url: `/symbols/${name}/`, content });
      if (added.errors.length) throw new Error(`pagefind: ${file}: ${added.errors.join('; ')}`);
      pages++;
    }
    const outputPath = path.join(siteDir, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    return { pages, outputPath };
  } finally {
    await pagefind.close();
  }
}
