// Second step of `npm run build`: the Pagefind index of the records' prose, written into the built
// site; bundles whose record pages did not change since the last run are kept.
import { existsSync } from 'node:fs';
import { writePagefindIndex } from '../src/lib/search/pagefind.ts';
import { PAGEFIND_BUCKETS } from '../src/lib/search/pagefind-buckets.ts';

const dir = process.argv[2] ?? process.env.KED_OUT_DIR ?? 'dist';
if (!existsSync(dir)) {
  console.error(`index-search: ${dir}: no such directory (run astro build first)`);
  process.exit(2);
}
const started = performance.now();
const { pages, rebuilt } = await writePagefindIndex(dir);
console.log(`[pagefind-index] indexed ${pages} record pages in ${Math.round(performance.now() - started)} ms (${rebuilt.length} of ${PAGEFIND_BUCKETS.length} bundles rebuilt)`);
