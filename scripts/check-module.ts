// npm run check-module -- <file | -> [--arch x86_64] [--snapshot v6.19 | FILE.tsv | --releases all|LIST|RANGE [--license S]] [--format text|json] [--root DIR]
// Reads an out-of-tree module's undefined symbols (the .ko itself, nm -u output, a list, or modpost's
// errors) and says for each whether the snapshot exports it, GPL-only or not, which namespace to
// import (with the MODULE_IMPORT_NS line), whether it is restricted to named modules, and its
// record's tier, for one architecture (--arch). With --releases, the same check for each release of
// the history store (content/history): a symbol × release matrix, the first failing release per
// symbol and why, and the MODULE_IMPORT_NS lines each release needs.
// Exit codes: 0 every symbol can be used (perhaps after an import or with a GPL-compatible licence),
// in every release asked; 1 some symbol cannot be used (not exported, restricted) in some release; 2 usage, unreadable or oversized input
// (a binary other than a .ko, a line or input over the limits), no symbol in it, or no such snapshot.
import {
  checkModule,
  formatModuleCheckText,
  MODULE_INPUT_LIMITS,
  ModuleInputError,
  readModuleInput,
  type ModuleInput,
} from '../src/lib/check-module.ts';
import { CheckModuleDataError, loadExportTable, loadHistoryTable } from '../src/lib/check-module-data.ts';
import { checkAcrossReleases, chooseReleases, ReleaseChoiceError } from '../src/lib/check-module-history.ts';
import { formatReleaseMatrixText } from '../src/lib/check-module-matrix-text.ts';
import { isGplCompatibleLicense } from '../src/lib/kernel/export-model.ts';
import { REPO_ROOT } from '../src/lib/project.ts';
import { fail, parseCli } from '../src/lib/cli-args.ts';
import { printable } from '../src/lib/printable.ts';
import { InputFileError, readRegularFile, readStandardInput } from '../src/lib/input-file.ts';
import { kernelArch } from '../src/lib/vocabulary.ts';

const USAGE = `usage: npm run check-module -- <file | -> [--arch x86_64|arm64|…|any] [--snapshot v6.19 | FILE.tsv] [--format text|json] [--root DIR]
       npm run check-module -- <file | -> --releases all|v5.4.286,v6.19|v5.4.286..v6.19 [--license "Dual MIT/GPL"] [--arch …] [--format text|json]

The input is the module file (foo.ko), what \`nm -u foo.ko\` prints, one symbol per line, or modpost's output, e.g.
  ERROR: modpost: GPL-incompatible module foo.ko uses GPL-only symbol 'bar'
  ERROR: modpost: module foo uses symbol baz from namespace DMA_BUF, but does not import it.
  ERROR: modpost: "qux" [/path/foo.ko] undefined!
--arch is the architecture the module is built for (default x86_64), as uname -m or the kernel names it:
x86_64/i386 -> x86, aarch64 -> arm64, ppc64le -> powerpc, s390x -> s390 … A symbol that only another
architecture's code exports cannot be used. --arch any checks against every architecture.
--snapshot checks one release: any the history store holds (v5.4.286), or a snapshot file; default the latest.
--releases checks every release of the history store (content/history) named: all, a comma list, or a
range first..last (either end may be left out): a symbol × release matrix, the first release where each
symbol fails and why, and the MODULE_IMPORT_NS lines each release needs (a bare token before 6.13, a
string literal from 6.13). --license is the module's MODULE_LICENSE: when it is not GPL-compatible a
GPL-only export does not link (modpost's "GPL-incompatible module" line says the same).
Limits: ${MODULE_INPUT_LIMITS.chars / 1024 / 1024} MiB of text, ${MODULE_INPUT_LIMITS.lines.toLocaleString('en-US')} lines of at most ${MODULE_INPUT_LIMITS.lineChars.toLocaleString('en-US')} characters, ${MODULE_INPUT_LIMITS.symbols.toLocaleString('en-US')} different symbols.
Exit codes: 0 every symbol can be used (in every release asked), 1 some cannot, 2 usage or input error.`;

const { values, positionals } = parseCli({
  name: 'check-module',
  usage: USAGE,
  allowPositionals: true,
  positionals: { min: 1, max: 1 },
  options: {
    snapshot: { type: 'string' },
    releases: { type: 'string' },
    license: { type: 'string' },
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

if (values.releases !== undefined && values.snapshot !== undefined)
  fail('check-module', '--snapshot checks one snapshot, --releases releases of the history store: give one of them');
if (values.license !== undefined && values.releases === undefined) fail('check-module', '--license goes with --releases');

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
if (values.releases !== undefined) checkReleases(input, values.releases);
else checkOneSnapshot(input);

function checkReleases(input: ModuleInput, choice: string): void {
  let matrix;
  try {
    const { history, hasPage } = loadHistoryTable(values.root);
    const positions = chooseReleases(choice, history.releases);
    const gplCompatible = values.license === undefined ? undefined : isGplCompatibleLicense(values.license);
    matrix = checkAcrossReleases(input, history, { hasPage, arch, positions, ...(gplCompatible === undefined ? {} : { gplCompatible }) });
  } catch (error) {
    if (error instanceof CheckModuleDataError || error instanceof ReleaseChoiceError) fail('check-module', error.message);
    throw error;
  }
  process.stdout.write(
    values.format === 'json' ? `${JSON.stringify(matrix, null, 2)}\n` : printable(formatReleaseMatrixText(matrix), { keepNewlines: true }),
  );
  process.exitCode = matrix.links.length === matrix.releases.length ? 0 : 1;
}

function checkOneSnapshot(input: ModuleInput): void {
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
}
