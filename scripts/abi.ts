// npm run abi -- search <regex> [--root DIR]: the records whose symbol matches, printed like the
// kernel's `scripts/get_abi.py search` (tier, type, release, contact, threads, description).
import { parseArgs } from 'node:util';
import { loadRecords } from '../src/lib/records/load.ts';
import { formatSearchResult, searchRecords } from '../src/lib/abi.ts';
import { REPO_ROOT } from '../src/lib/project.ts';
import { sitePaths } from '../src/lib/urls.ts';

const USAGE = 'usage: npm run abi -- search <regex> [--root DIR]\n  Prints every decision record whose symbol matches the (JavaScript) regular expression.';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { root: { type: 'string', default: REPO_ROOT }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [command, pattern, ...extra] = positionals;
if (command !== 'search' || pattern === undefined || extra.length) {
  console.error(USAGE);
  process.exit(2);
}
let regex: RegExp;
try {
  regex = new RegExp(pattern);
} catch (error) {
  console.error(`abi: invalid regular expression: ${(error as Error).message}`);
  process.exit(2);
}
const parsed = loadRecords(values.root, sitePaths('/'));
const records = parsed.filter((p) => p.data && p.problems.length === 0).map((p) => ({ data: p.data!, file: p.file }));
const skipped = parsed.length - records.length;
if (skipped) console.error(`abi: ${skipped} record${skipped === 1 ? '' : 's'} with problems skipped (npm run validate lists them)`);
const found = searchRecords(records, regex);
process.stdout.write(found.map((r) => formatSearchResult(r.data, r.file)).join('\n'));
if (found.length === 0) console.error(`abi: no record's symbol matches /${pattern}/`);
process.exitCode = found.length ? 0 : 1;
