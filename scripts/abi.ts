// npm run abi -- search <regex> [--root DIR]: the records whose symbol matches, printed like the
// kernel's `scripts/get_abi.py search` (tier, type, release, contact, threads, description).
// The pattern runs on a linear-time engine (RE2); output never carries raw control characters.
// Exit codes: 0 a record matched; 1 none did; 2 usage, a pattern that cannot be used, or no repository.
import path from 'node:path';
import { loadRecords } from '../src/lib/records/load.ts';
import { formatSearchResult, searchRecords } from '../src/lib/abi.ts';
import { EXPORTS_DIR, REPO_ROOT } from '../src/lib/project.ts';
import { sitePaths } from '../src/lib/urls.ts';
import { fail, parseCli } from '../src/lib/cli-args.ts';
import { checkDirectory, InputFileError } from '../src/lib/input-file.ts';
import { compileUserPattern, UserPatternError, type UserPattern } from '../src/lib/user-regex.ts';
import { printable, truncateText } from '../src/lib/printable.ts';

const USAGE = `usage: npm run abi -- search <regex> [--root DIR]
  Prints every decision record whose symbol matches the regular expression (RE2 syntax, as in
  JavaScript without backreferences or lookaround; it runs in linear time whatever the pattern).`;

const { values, positionals } = parseCli({
  name: 'abi',
  usage: USAGE,
  allowPositionals: true,
  options: { root: { type: 'string', default: REPO_ROOT } },
});
const [command, pattern, ...extra] = positionals;
if (command !== 'search' || pattern === undefined || extra.length) fail('abi', 'expected: search <regex>', 2, USAGE);
let regex: UserPattern;
try {
  regex = compileUserPattern(pattern);
  checkDirectory(path.join(values.root, EXPORTS_DIR), `a directory (is --root a repository?)`);
} catch (error) {
  if (error instanceof UserPatternError || error instanceof InputFileError) fail('abi', error.message);
  throw error;
}
const parsed = loadRecords(values.root, sitePaths('/'));
const records = parsed.filter((p) => p.data && p.problems.length === 0).map((p) => ({ data: p.data!, file: p.file }));
const skipped = parsed.length - records.length;
if (skipped) console.error(`abi: ${skipped} record${skipped === 1 ? '' : 's'} with problems skipped (npm run validate lists them)`);
const found = searchRecords(records, regex);
// Records that pass have no control characters; escaping again keeps the terminal safe regardless.
process.stdout.write(printable(found.map((r) => formatSearchResult(r.data, r.file)).join('\n'), { keepNewlines: true }));
if (found.length === 0) console.error(`abi: no record's symbol matches /${truncateText(printable(pattern), 80)}/`);
process.exitCode = found.length ? 0 : 1;
