// npm run docs [-- --check]: rewrites the generated blocks of CONTRIBUTING.md (fields, rules, tiers,
// types, components) from the schema and rule list; --check only reports whether they are current.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { updateGenerated } from '../src/lib/docs.ts';
import { REPO_ROOT } from '../src/lib/project.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, root: { type: 'string', default: REPO_ROOT } } });
const file = path.join(values.root, 'CONTRIBUTING.md');
const text = fs.readFileSync(file, 'utf8');
let updated: string;
try {
  updated = updateGenerated(text);
} catch (error) {
  console.error(`docs: CONTRIBUTING.md: ${(error as Error).message}`);
  process.exit(1);
}
if (updated === text) console.error('docs: CONTRIBUTING.md is up to date');
else if (values.check) {
  console.error('docs: CONTRIBUTING.md is out of date; run npm run docs');
  process.exitCode = 1;
} else {
  fs.writeFileSync(file, updated);
  console.error('docs: CONTRIBUTING.md updated');
}
