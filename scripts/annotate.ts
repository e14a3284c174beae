// node scripts/annotate.ts problems.json: turns `npm run validate -- --format json` output into
// GitHub Actions annotations on the lines concerned, and exits 1 when any problem is an error.
import fs from 'node:fs';
import { formatGithubAnnotation, formatProblem, parseProblemsJson, type Problem } from '../src/lib/problems.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/annotate.ts problems.json');
  process.exit(2);
}
let problems: Problem[];
try {
  problems = parseProblemsJson(fs.readFileSync(file, 'utf8'));
} catch (error) {
  // An empty or broken file means the validator itself failed: that must not pass as "no problems".
  console.error(`annotate: ${file}: ${(error as Error).message}`);
  process.exit(2);
}
for (const p of problems) console.log(formatGithubAnnotation(p));
const errors = problems.filter((p) => p.severity === 'error');
if (errors.length) {
  console.error(`${errors.length} error${errors.length === 1 ? '' : 's'} in records:\n${errors.map(formatProblem).join('\n')}`);
  process.exitCode = 1;
} else console.error('annotate: no errors in records');
