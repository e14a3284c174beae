// npm run check-links [-- dist] [--base /path/]: every internal link and #anchor of a built site resolves.
import { checkLinks } from '../src/lib/site/links.ts';
import { fail, parseCli } from '../src/lib/cli-args.ts';
import { printable } from '../src/lib/printable.ts';
import { checkDirectory, InputFileError } from '../src/lib/input-file.ts';

const { values, positionals } = parseCli({
  name: 'check-links',
  usage:
    'usage: npm run check-links [-- DIR] [--base /path/]\n  Checks every internal link and #anchor of a built site (default dist/); exits 1 when one is broken.',
  allowPositionals: true,
  positionals: { max: 1 },
  options: { base: { type: 'string', default: process.env.BASE_PATH ?? '/' } },
});
const dir = positionals[0] ?? 'dist';
try {
  checkDirectory(dir, 'a directory (run npm run build first)');
} catch (error) {
  if (error instanceof InputFileError) fail('check-links', error.message);
  throw error;
}
const { pages, links, broken } = checkLinks(dir, values.base);
for (const b of broken.slice(0, 50)) console.log(printable(`${b.page}: ${b.href}: ${b.reason}`));
if (broken.length > 50) console.log(`… and ${broken.length - 50} more`);
console.error(`${pages} pages, ${links} links, ${broken.length} broken`);
process.exitCode = broken.length ? 1 : 0;
