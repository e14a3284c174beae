// npm run docs [-- --check]: rewrites the generated blocks of CONTRIBUTING.md (fields, rules, tiers,
// types, components) from the schema and rule list; --check only reports whether they are current.
import fs from 'node:fs';
import path from 'node:path';
import { updateGenerated } from '../src/lib/docs.ts';
import { REPO_ROOT } from '../src/lib/project.ts';
import { fail, parseCli } from '../src/lib/cli-args.ts';
import { InputFileError, readRegularFile } from '../src/lib/input-file.ts';

const { values } = parseCli({
  name: 'docs',
  usage:
    'usage: npm run docs [-- --check] [--root DIR]\n  Regenerates the tables of CONTRIBUTING.md from the schema and the rules; --check exits 1 when they are out of date.',
  options: { check: { type: 'boolean', default: false }, root: { type: 'string', default: REPO_ROOT } },
});
const file = path.join(values.root, 'CONTRIBUTING.md');
let text: string;
try {
  text = readRegularFile(file).toString('utf8');
} catch (error) {
  if (error instanceof InputFileError) fail('docs', error.message);
  throw error;
}
let updated: string;
try {
  updated = updateGenerated(text);
} catch (error) {
  fail('docs', `CONTRIBUTING.md: ${(error as Error).message}`, 1);
}
if (updated === text) console.error('docs: CONTRIBUTING.md is up to date');
else if (values.check) {
  console.error('docs: CONTRIBUTING.md is out of date; run npm run docs');
  process.exitCode = 1;
} else {
  fs.writeFileSync(file, updated);
  console.error('docs: CONTRIBUTING.md updated');
}
