// npm run check-module -- <file | -> [--arch x86_64] [--snapshot v6.19 | FILE.tsv] [--format text|json] [--root DIR]
// Reads an out-of-tree module's undefined symbols (nm -u output, a list, or modpost's errors) and says
// for each whether the snapshot exports it, GPL-only or not, which namespace to import (with the
// MODULE_IMPORT_NS line), whether it is restricted to named modules, and its record's tier.
// Exit codes: 0 every symbol can be used (perhaps after an import or with a GPL-compatible licence);
// 1 some symbol cannot be used (not exported, restricted); 2 usage, unreadable input, no symbol in it,
// or no such snapshot.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { checkModule, formatModuleCheckText, parseModuleInput } from '../src/lib/check-module.ts';
import { CheckModuleDataError, loadExportTable } from '../src/lib/check-module-data.ts';
import { REPO_ROOT } from '../src/lib/project.ts';
import { kernelArch } from '../src/lib/vocabulary.ts';

const USAGE = 'usage: npm run check-module -- <file | -> [--arch x86_64|arm64|…|any] [--snapshot v6.19 | FILE.tsv] [--format text|json] [--root DIR]';

function fail(message: string, code = 2): never {
  console.error(`check-module: ${message}`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      snapshot: { type: 'string' },
      arch: { type: 'string', default: 'x86_64' },
      format: { type: 'string', default: 'text' },
      root: { type: 'string', default: REPO_ROOT },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(`${USAGE}\n\nThe input is what \`nm -u foo.ko\` prints, one symbol per line, or modpost's output, e.g.
  ERROR: modpost: GPL-incompatible module foo.ko uses GPL-only symbol 'bar'
  ERROR: modpost: module foo uses symbol baz from namespace DMA_BUF, but does not import it.
  ERROR: modpost: "qux" [/path/foo.ko] undefined!

--arch is the architecture the module is built for (default x86_64), as uname -m or the kernel names
it: x86_64/i386 -> x86, aarch64 -> arm64, ppc64le -> powerpc, s390x -> s390 … A symbol that only
another architecture's code exports cannot be used. --arch any checks against every architecture.`);
  process.exit(0);
}
if (positionals.length !== 1) fail(USAGE);
if (values.format !== 'text' && values.format !== 'json') fail(`--format must be text or json (got "${values.format}")`);
const arch = values.arch === 'any' ? undefined : kernelArch(values.arch);
if (values.arch !== 'any' && !arch) fail(`--arch: unknown architecture "${values.arch}" (give a kernel arch/ name such as x86, arm64, s390, riscv, or uname -m's x86_64, aarch64, ppc64le; or any)`);

const source = positionals[0]!;
let text: string;
try {
  text = fs.readFileSync(source === '-' ? 0 : source, 'utf8');
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  fail(e.code === 'ENOENT' ? `${source}: no such file` : e.code === 'EISDIR' ? `${source}: is a directory, not a file` : `${source}: ${e.message}`);
}

const input = parseModuleInput(text);
if (!input.symbols.length) {
  fail(`no symbols in ${source === '-' ? 'standard input' : source}: give nm -u output, one symbol per line, or modpost's error lines`);
}
let loaded;
try {
  loaded = loadExportTable(values.root, values.snapshot);
} catch (error) {
  if (error instanceof CheckModuleDataError) fail(error.message);
  throw error;
}
const result = checkModule(input, loaded.table, { hasPage: loaded.hasPage, arch });
process.stdout.write(values.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatModuleCheckText(result));
process.exitCode = result.blocked.length ? 1 : 0;
