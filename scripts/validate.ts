// npm run validate [-- paths…] [--format json]: check records like a compiler would.
import { parseArgs } from 'node:util';
import { validateRepositoryParallel } from '../src/lib/lint/validate.ts';
import { formatProblem, formatProblemsJson } from '../src/lib/problems.ts';
import { REPO_ROOT } from '../src/lib/project.ts';
import { existsSync } from 'node:fs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { format: { type: 'string', default: 'text' }, root: { type: 'string', default: REPO_ROOT } },
});
if (values.format !== 'text' && values.format !== 'json') {
  console.error(`validate: --format must be text or json (got "${values.format}")`);
  process.exit(2);
}
const missing = positionals.filter((p) => !existsSync(p));
if (missing.length) {
  for (const m of missing) console.error(`validate: ${m}: no such file`);
  process.exit(2);
}
// Large collections are parsed on every core; small ones in this thread.
const { problems, checkedFiles } = await validateRepositoryParallel(values.root, positionals.length ? { only: positionals } : {});
if (values.format === 'json') console.log(formatProblemsJson(problems));
else {
  for (const p of problems) console.log(formatProblem(p));
  const errors = problems.filter((p) => p.severity === 'error').length;
  console.error(errors ? `${errors} error${errors === 1 ? '' : 's'} in ${new Set(problems.map((p) => p.file)).size} of ${checkedFiles} files` : `${checkedFiles} files checked, no problems`);
}
process.exitCode = problems.some((p) => p.severity === 'error') ? 1 : 0;
