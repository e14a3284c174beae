// Second step of `npm run build`: the Pagefind index of the records' prose, written into the built site.
import { existsSync } from 'node:fs';
import { writePagefindIndex } from '../src/lib/search/pagefind.ts';

const dir = process.argv[2] ?? process.env.KED_OUT_DIR ?? 'dist';
if (!existsSync(dir)) {
  console.error(`index-search: ${dir}: no such directory (run astro build first)`);
  process.exit(2);
}
const started = performance.now();
const { pages } = await writePagefindIndex(dir);
console.log(`[pagefind-index] indexed ${pages} record pages in ${Math.round(performance.now() - started)} ms`);
