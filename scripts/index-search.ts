// Second step of `npm run build`: the Pagefind index of the records' prose, written into the built
// site; kept when the record pages did not change since the last run.
import { writePagefindIndex } from '../src/lib/search/pagefind.ts';
import { fail, parseCli } from '../src/lib/cli-args.ts';
import { checkDirectory, InputFileError } from '../src/lib/input-file.ts';

const { positionals } = parseCli({
  name: 'index-search',
  usage:
    'usage: node scripts/index-search.ts [DIR]\n  Writes the Pagefind index of a built site (default $KED_OUT_DIR or dist/); the second step of npm run build.',
  allowPositionals: true,
  positionals: { max: 1 },
  options: {},
});
const dir = positionals[0] ?? process.env.KED_OUT_DIR ?? 'dist';
try {
  checkDirectory(dir, 'a directory (run astro build first)');
} catch (error) {
  if (error instanceof InputFileError) fail('index-search', error.message);
  throw error;
}
const started = performance.now();
const { pages, rebuilt } = await writePagefindIndex(dir);
console.log(
  `[pagefind-index] indexed ${pages} record pages in ${Math.round(performance.now() - started)} ms (${rebuilt ? 'rebuilt' : 'unchanged, kept'})`,
);
