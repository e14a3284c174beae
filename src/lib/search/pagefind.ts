// Full-text index of the decision records' prose (and its filters), written by Pagefind's Node API
// as a separate step after `astro build` has exited, so the two never hold memory at the same
// time. Only pages marked data-pagefind-body are indexed — record pages, not the tens of thousands
// of undocumented-symbol pages, which are found through the sharded symbol index instead; that
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
    // Pagefind reads the files itself (in parallel, in Rust); only symbol pages can be records.
    const added = await index.addDirectory({ path: siteDir, glob: 'symbols/*/index.html' });
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    const outputPath = path.join(siteDir, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    // Read the count from disk: index.getFiles() would send every file of the index back to Node
    // (16 s at 40,000 records).
    const entry = JSON.parse(fs.readFileSync(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
    return { pages, outputPath };
  } finally {
    await pagefind.close();
  }
}
