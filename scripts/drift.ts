// npm run drift -- <kernel-tree | snapshot.tsv | --release vX.Y> [--format text|json] [--strict] [--all]
//                  [--subsystem S] [--write (--limit N | --all) [--thread ID]…] [--root DIR]
// Compares the records with the code: export types, namespaces, records whose symbol is gone,
// removed records exported again, and exported symbols without a record (per subsystem).
// Exit codes: 0 done; 1 --strict and a mismatch was found (undocumented symbols never count), or a
// record could not be written; 2 usage, or a path that is not a kernel tree or a snapshot.
import path from 'node:path';
import { fail as failWith, parseCli } from '../src/lib/cli-args.ts';
import { printable } from '../src/lib/printable.ts';
import { checkDirectory, InputFileError } from '../src/lib/input-file.ts';
import { computeDrift, filterSubsystem } from '../src/lib/drift/compare.ts';
import { DriftInputError, readDriftInput, readDriftRelease } from '../src/lib/drift/input.ts';
import { formatDriftJson, formatDriftText, type DriftReport } from '../src/lib/drift/format.ts';
import { loadDriftRecords } from '../src/lib/drift/records.ts';
import { formatScaffoldText, scaffoldUndocumented } from '../src/lib/drift-scaffold.ts';
import { EXPORTS_DIR, REPO_ROOT } from '../src/lib/project.ts';

const USAGE = `usage: npm run drift -- <kernel-tree | snapshot.tsv | --release vX.Y> [--format text|json] [--strict] [--all]
                      [--subsystem S] [--write (--limit N | --all) [--thread ID]…] [--root DIR]
  --release R     compare with release R of the history store (content/history), e.g. v5.10.89, instead
                  of a tree or snapshot (npm run history -- list names the releases held); a record is
                  compared with what its dated history says held in R
  --strict        exit 1 when a record disagrees with the code (symbols without a record never fail)
  --all           list every symbol without a record (otherwise counts per subsystem)
  --subsystem S   only symbols without a record under S (drivers, drivers/gpu, mm)
  --write         write a testing record for each symbol without one (never replaces a file); needs
                  --limit N (the first N listed) or --all (every one)
  --thread ID     the Message-ID or lore link to put in written records (repeatable); without it they
                  get a placeholder that npm run validate refuses until a real thread is filled in
  --root DIR      the repository whose content/exports is read and written (default: this one)
Exit codes: 0 done, 1 --strict found a mismatch (or a record could not be written), 2 usage or input error.`;

const { values, positionals } = parseCli({
  name: 'drift',
  usage: USAGE,
  allowPositionals: true,
  positionals: { max: 1 },
  options: {
    format: { type: 'string', default: 'text' },
    strict: { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
    subsystem: { type: 'string' },
    write: { type: 'boolean', default: false },
    limit: { type: 'string' },
    thread: { type: 'string', multiple: true, default: [] },
    root: { type: 'string', default: REPO_ROOT },
    release: { type: 'string' },
  },
});
function fail(message: string, code = 2): never {
  return failWith('drift', message, code);
}

if (values.format !== 'text' && values.format !== 'json') fail(`--format must be text or json (got "${values.format}")`);
const limit = values.limit === undefined ? undefined : Number(values.limit);
if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) fail(`--limit must be a positive whole number (got "${values.limit}")`);
if (limit !== undefined && !values.write) fail('--limit only applies to --write');
if (values.thread.length && !values.write) fail('--thread only applies to --write');
if ((positionals.length === 1) === (values.release !== undefined))
  fail('give one input: a kernel tree, a snapshot (.tsv), or --release with a release of the history store');

let input;
try {
  checkDirectory(path.join(values.root, EXPORTS_DIR), 'a directory (is --root a repository?)');
  input = values.release === undefined ? await readDriftInput(positionals[0]!) : readDriftRelease(values.root, values.release);
} catch (error) {
  if (error instanceof DriftInputError || error instanceof InputFileError) fail(error.message);
  throw error;
}
const { records, unreadable } = loadDriftRecords(values.root);
const result = filterSubsystem(computeDrift(input.rows, records, input.version, { historical: input.historical }), values.subsystem);
const report: DriftReport = {
  ...result,
  input: { kind: input.kind, path: input.path, version: input.version, rows: input.rows.length },
  records: records.length,
  unreadable,
};

let written;
if (values.write) {
  // Guard against writing tens of thousands of files by accident.
  if (limit === undefined && !values.all) {
    fail(
      `--write would write ${report.undocumentedCount.toLocaleString('en-US')} records: pass --limit N to write the first N listed, or --all to write every one`,
    );
  }
  written = scaffoldUndocumented(values.root, report.undocumented, { limit, threads: values.thread });
}

if (values.format === 'json') {
  process.stdout.write(formatDriftJson(report, { all: values.all, written }));
} else {
  // File names and symbols come from a kernel tree or a snapshot: shown with control characters escaped.
  process.stdout.write(printable(formatDriftText(report, { all: values.all && !values.write }), { keepNewlines: true }));
  if (written) process.stdout.write(printable(`\n${formatScaffoldText(written)}`, { keepNewlines: true }));
}

if (written?.skipped.some((s) => s.reason.startsWith('could not write'))) process.exitCode = 1;
if (values.strict && report.mismatches.length) process.exitCode = 1;
