// npm run check-links [-- dist] [--base /path/]: every internal link and #anchor of a built site resolves.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { checkLinks } from '../src/lib/site/links.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { base: { type: 'string', default: process.env.BASE_PATH ?? '/' } } });
const dir = positionals[0] ?? 'dist';
if (!existsSync(dir)) {
  console.error(`check-links: ${dir}: no such directory (run npm run build first)`);
  process.exit(2);
}
const { pages, links, broken } = checkLinks(dir, values.base);
for (const b of broken.slice(0, 50)) console.log(`${b.page}: ${b.href}: ${b.reason}`);
if (broken.length > 50) console.log(`… and ${broken.length - 50} more`);
console.error(`${pages} pages, ${links} links, ${broken.length} broken`);
process.exitCode = broken.length ? 1 : 0;
