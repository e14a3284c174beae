// npm run import-symvers -- <Module.symvers> [--format tsv|json] [--out FILE]
// Prints the exports a kernel build recorded, as snapshot rows (see src/lib/kernel/symvers.ts).
// Exit codes: 0 done; 1 a line of the file is not Module.symvers; 2 usage, a path that is not a
// regular file, an empty file, or an --out that cannot be written.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatSnapshot } from '../src/lib/kernel/snapshot.ts';
import { parseSymvers, symversSource, SymversError } from '../src/lib/kernel/symvers.ts';
import { fail, parseCli } from '../src/lib/cli-args.ts';
import { printable } from '../src/lib/printable.ts';
import { InputFileError, readRegularFile } from '../src/lib/input-file.ts';

const USAGE = `usage: npm run import-symvers -- <Module.symvers> [--format tsv|json] [--out FILE]
  Prints the exports a kernel build recorded in Module.symvers as snapshot rows (or writes them to FILE).
Exit codes: 0 done, 1 a line is not Module.symvers, 2 usage or input error (not a regular file, empty, bad --out).`;

const { values, positionals } = parseCli({
  name: 'import-symvers',
  usage: USAGE,
  allowPositionals: true,
  positionals: { min: 1, max: 1 },
  options: { format: { type: 'string', default: 'tsv' }, out: { type: 'string' } },
});
if (values.format !== 'tsv' && values.format !== 'json') fail('import-symvers', `--format must be tsv or json (got "${values.format}")`);

const file = positionals[0]!;
let text: string;
try {
  text = readRegularFile(file, { expected: 'a Module.symvers file' }).toString('utf8');
} catch (error) {
  if (error instanceof InputFileError) fail('import-symvers', error.message);
  throw error;
}
let rows;
try {
  rows = parseSymvers(text, file);
} catch (error) {
  if (error instanceof SymversError) fail('import-symvers', error.message, 1);
  throw error;
}
// A build always exports something: an empty file is a wrong path or an interrupted build, not "0 exports".
if (rows.length === 0)
  fail(
    'import-symvers',
    `${file}: ${text.trim() === '' ? 'is empty' : 'has no export lines'}; a kernel build's Module.symvers lists every export`,
  );
const source = symversSource(path.resolve(file));
const output = values.format === 'json' ? JSON.stringify({ source, rows }, null, 2) + '\n' : formatSnapshot({ version: '', source, rows });
if (values.out) {
  try {
    writeFileSync(values.out, output);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EISDIR'
        ? 'is a directory'
        : code === 'ENOENT'
          ? 'its directory does not exist'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    fail('import-symvers', `--out ${values.out}: cannot write: ${why}`);
  }
} else process.stdout.write(values.format === 'json' ? output : printable(output, { keepNewlines: true }));
console.error(`import-symvers: ${rows.length} exports (${rows.filter((r) => r.file === 'vmlinux').length} in vmlinux)`);
