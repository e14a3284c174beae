// node scripts/annotate.ts problems.json: turns `npm run validate -- --format json` output into
// GitHub Actions annotations on the lines concerned, and exits 1 when any problem is an error.
// Every line it writes, on stdout and stderr, has its control characters escaped, so a record's text
// can never start a workflow command (::error::, ::add-mask::) of its own.
import { formatGithubAnnotation, formatProblem, parseProblemsJson, type Problem } from '../src/lib/problems.ts';
import { fail, parseCli } from '../src/lib/cli-args.ts';
import { InputFileError, readRegularFile } from '../src/lib/input-file.ts';

const USAGE =
  'usage: node scripts/annotate.ts problems.json\n  Prints a GitHub Actions annotation per problem; exits 1 when any is an error, 2 when the file is not validate --format json output.';
const { positionals } = parseCli({ name: 'annotate', usage: USAGE, allowPositionals: true, options: {}, positionals: { min: 1, max: 1 } });
const file = positionals[0]!;
let problems: Problem[];
try {
  problems = parseProblemsJson(readRegularFile(file, { maxBytes: 256 * 1024 * 1024 }).toString('utf8'));
} catch (error) {
  // An empty or broken file means the validator itself failed: that must not pass as "no problems".
  fail('annotate', error instanceof InputFileError ? error.message : `${file}: ${(error as Error).message}`);
}
for (const p of problems) console.log(formatGithubAnnotation(p));
const errors = problems.filter((p) => p.severity === 'error');
if (errors.length) {
  console.error(`${errors.length} error${errors.length === 1 ? '' : 's'} in records:\n${errors.map(formatProblem).join('\n')}`);
  process.exitCode = 1;
} else console.error('annotate: no errors in records');
