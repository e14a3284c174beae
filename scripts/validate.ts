// npm run validate [-- paths…] [--format json] [--root DIR]: check records like a compiler would.
// Exit codes: 0 no errors (warnings may be printed); 1 a record has an error; 2 usage, a path that
// is not a record file or a repository, or a malformed history store.
import path from 'node:path';
import { validateRepositoryParallel } from '../src/lib/lint/validate.ts';
import { formatProblem, formatProblemsJson } from '../src/lib/problems.ts';
import { EXPORTS_DIR, REPO_ROOT } from '../src/lib/project.ts';
import { fail, parseCli } from '../src/lib/cli-args.ts';
import { checkDirectory, checkRegularFile, InputFileError } from '../src/lib/input-file.ts';
import { HistoryError } from '../src/lib/history/model.ts';

const USAGE = `usage: npm run validate [-- files…] [--format text|json] [--root DIR]
  Checks every record of content/exports (and content/mechanisms), or only the files named (still
  against the whole collection), and prints one line per problem: file:line:col: error: message [rule].
  --format json   the problems as a JSON array (for scripts/annotate.ts)
  --root DIR      the repository to check (default: this one)
Exit codes: 0 no errors, 1 errors found, 2 usage, a path that is not a record file or repository, or a
  malformed history store (content/history).`;

const { values, positionals } = parseCli({
  name: 'validate',
  usage: USAGE,
  allowPositionals: true,
  options: { format: { type: 'string', default: 'text' }, root: { type: 'string', default: REPO_ROOT } },
});
if (values.format !== 'text' && values.format !== 'json') fail('validate', `--format must be text or json (got "${values.format}")`);
try {
  checkDirectory(values.root, 'a repository (a directory)');
  checkDirectory(
    path.join(values.root, EXPORTS_DIR),
    `a directory: ${values.root} has no ${EXPORTS_DIR}, so it is not a repository of records`,
  );
  // Only regular files are read: a FIFO would block for ever, a directory is not a record.
  for (const file of positionals) checkRegularFile(file, 'a record file (name .mdx files, or nothing to check them all)');
} catch (error) {
  if (error instanceof InputFileError) fail('validate', error.message);
  throw error;
}
// Large collections are parsed on every core; small ones in this thread. A malformed history store
// (content/history) is an input error naming its file and line: nothing can be checked against it.
let result;
try {
  result = await validateRepositoryParallel(values.root, positionals.length ? { only: positionals } : {});
} catch (error) {
  if (error instanceof HistoryError) fail('validate', error.message);
  throw error;
}
const { problems, checkedFiles } = result;
if (values.format === 'json') console.log(formatProblemsJson(problems));
else {
  for (const p of problems) console.log(formatProblem(p));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const also = warnings ? ` (and ${warnings} warning${warnings === 1 ? '' : 's'})` : '';
  console.error(
    errors
      ? `${errors} error${errors === 1 ? '' : 's'} in ${new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file)).size} of ${checkedFiles} files${also}`
      : `${checkedFiles} files checked, ${warnings ? `no errors${also}` : 'no problems'}`,
  );
}
process.exitCode = problems.some((p) => p.severity === 'error') ? 1 : 0;
