// npm run import-symvers -- <Module.symvers> [--format tsv|json] [--out FILE]
// Prints the exports a kernel build recorded, as snapshot rows (see src/lib/kernel/symvers.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatSnapshot } from '../src/lib/kernel/snapshot.ts';
import { parseSymvers, symversSource, SymversError } from '../src/lib/kernel/symvers.ts';

const USAGE = 'usage: npm run import-symvers -- <Module.symvers> [--format tsv|json] [--out FILE]';

function fail(message: string, code = 2): never {
  console.error(`import-symvers: ${message}`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { format: { type: 'string', default: 'tsv' }, out: { type: 'string' } } });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) fail(USAGE);
if (values.format !== 'tsv' && values.format !== 'json') fail(`--format must be tsv or json (got "${values.format}")`);

const file = positionals[0]!;
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  fail(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
}
let rows;
try {
  rows = parseSymvers(text, file);
} catch (error) {
  if (error instanceof SymversError) fail(error.message, 1);
  throw error;
}
const source = symversSource(path.resolve(file));
const output = values.format === 'json' ? JSON.stringify({ source, rows }, null, 2) + '\n' : formatSnapshot({ version: '', source, rows });
if (values.out) writeFileSync(values.out, output);
else process.stdout.write(output);
console.error(`import-symvers: ${rows.length} exports (${rows.filter((r) => r.file === 'vmlinux').length} in vmlinux)`);
