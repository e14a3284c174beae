// npm run check-module -- <file | -> [--arch x86_64] [--snapshot v6.19 | FILE.tsv] [--format text|json] [--root DIR]
// Reads an out-of-tree module's undefined symbols (the .ko itself, nm -u output, a list, or modpost's
// errors) and says for each whether the snapshot exports it, GPL-only or not, which namespace to
// import (with the MODULE_IMPORT_NS line), whether it is restricted to named modules, and its
// record's tier, for one architecture (--arch).
// Exit codes: 0 every symbol can be used (perhaps after an import or with a GPL-compatible licence);
// 1 some symbol cannot be used (not exported, restricted); 2 usage, unreadable or oversized input
// (a binary other than a .ko, a line or input over the limits), no symbol in it, or no such snapshot.
import { checkModule, formatModuleCheckText, MODULE_INPUT_LIMITS, ModuleInputError, readModuleInput } from '../src/lib/check-module.ts';
import { CheckModuleDataError, loadExportTable } from '../src/lib/check-module-data.ts';
import { REPO_ROOT } from '../src/lib/project.ts';
import { fail, parseCli } from '../src/lib/cli-args.ts';
import { printable } from '../src/lib/printable.ts';
import { InputFileError, readRegularFile, readStandardInput } from '../src/lib/input-file.ts';
import { kernelArch } from '../src/lib/vocabulary.ts';

const USAGE = `usage: npm run check-module -- <file | -> [--arch x86_64|arm64|…|any] [--snapshot v6.19 | FILE.tsv] [--format text|json] [--root DIR]

The input is the module file (foo.ko), what \`nm -u foo.ko\` prints, one symbol per line, or modpost's output, e.g.
  ERROR: modpost: GPL-incompatible module foo.ko uses GPL-only symbol 'bar'
  ERROR: modpost: module foo uses symbol baz from namespace DMA_BUF, but does not import it.
  ERROR: modpost: "qux" [/path/foo.ko] undefined!
--arch is the architecture the module is built for (default x86_64), as uname -m or the kernel names it:
x86_64/i386 -> x86, aarch64 -> arm64, ppc64le -> powerpc, s390x -> s390 … A symbol that only another
architecture's code exports cannot be used. --arch any checks against every architecture.
Limits: ${MODULE_INPUT_LIMITS.chars / 1024 / 1024} MiB of text, ${MODULE_INPUT_LIMITS.lines.toLocaleString('en-US')} lines of at most ${MODULE_INPUT_LIMITS.lineChars.toLocaleString('en-US')} characters, ${MODULE_INPUT_LIMITS.symbols.toLocaleString('en-US')} different symbols.
Exit codes: 0 every symbol can be used, 1 some cannot, 2 usage or input error.`;

const { values, positionals } = parseCli({
  name: 'check-module',
  usage: USAGE,
  allowPositionals: true,
  positionals: { min: 1, max: 1 },
  options: {
    snapshot: { type: 'string' },
    arch: { type: 'string', default: 'x86_64' },
    format: { type: 'string', default: 'text' },
    root: { type: 'string', default: REPO_ROOT },
  },
});
if (values.format !== 'text' && values.format !== 'json') fail('check-module', `--format must be text or json (got "${values.format}")`);
const arch = values.arch === 'any' ? undefined : kernelArch(values.arch);
if (values.arch !== 'any' && !arch) {
  fail(
    'check-module',
    `--arch: unknown architecture "${values.arch}" (give a kernel arch/ name such as x86, arm64, s390, riscv, or uname -m's x86_64, aarch64, ppc64le; or any)`,
  );
}

const source = positionals[0]!;
const name = source === '-' ? 'standard input' : source;
let input;
try {
  // A .ko may be large (debug info); text beyond the limit is refused after reading.
  const bytes =
    source === '-'
      ? readStandardInput({ maxBytes: MODULE_INPUT_LIMITS.elfBytes })
      : readRegularFile(source, { maxBytes: MODULE_INPUT_LIMITS.elfBytes, expected: 'a file (the .ko, or nm -u output)' });
  input = readModuleInput(bytes, name);
} catch (error) {
  if (error instanceof InputFileError) fail('check-module', error.message);
  if (error instanceof ModuleInputError) fail('check-module', error.message.startsWith(name) ? error.message : `${name}: ${error.message}`);
  throw error;
}
if (!input.symbols.length) {
  fail('check-module', `no symbols in ${name}: give the .ko, nm -u output, one symbol per line, or modpost's error lines`);
}
let loaded;
try {
  loaded = loadExportTable(values.root, values.snapshot);
} catch (error) {
  if (error instanceof CheckModuleDataError || error instanceof InputFileError) fail('check-module', error.message);
  throw error;
}
const result = checkModule(input, loaded.table, { hasPage: loaded.hasPage, arch });
// Names and namespaces come from the user's file: shown with control characters escaped.
process.stdout.write(
  values.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : printable(formatModuleCheckText(result), { keepNewlines: true }),
);
process.exitCode = result.blocked.length ? 1 : 0;
