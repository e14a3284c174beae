// npm run scan -- <kernel-tree> [--format tsv|json] [--out FILE] [--snapshot [--force]] [--workers N]
//                 [--source github:owner/repo] [--commit SHA]
// Lists every export-macro use in a kernel tree as snapshot rows; unresolvable uses go to stderr
// (and to the `unresolved` field with --format json). --snapshot writes content/snapshots/<release>.tsv
// and <release>.unresolved.tsv. --workers N: threads reading files besides the main one (default: one
// per extra core; never more than the cores).
import { writeFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';

// Cached compilation (type stripping included) halves start-up, which counts against git grep's few
// milliseconds; worker threads inherit it through the environment. The library is imported after it.
const cache = module.enableCompileCache?.();
if (cache?.directory) process.env.NODE_COMPILE_CACHE = cache.directory;
const { capWorkers, readTreeVersion, scanTree, ScanError, sourceOptionProblem, workersPerCore } = await import('../src/lib/kernel/scan.ts');
const { pathKind } = await import('../src/lib/kernel/scan-error.ts');
const { fail: failCli, parseCli } = await import('../src/lib/cli-args.ts');
const {
  checkSnapshotWritable,
  formatScanJson,
  formatScanTsv,
  formatUnresolved,
  snapshotFile,
  SnapshotExistsError,
  summarizeScan,
  unresolvedFile,
  writeScanSnapshot,
} = await import('../src/lib/kernel/scan-output.ts');
const { REPO_ROOT, SNAPSHOTS_DIR } = await import('../src/lib/project.ts');

const USAGE =
  'usage: npm run scan -- <kernel-tree> [--format tsv|json] [--out FILE] [--snapshot [--force]] [--workers N] [--source github:owner/repo] [--commit SHA]';
const HELP = `${USAGE}

Lists every EXPORT_* use of a kernel source tree as snapshot rows (symbol, macro, namespace, file, line),
wrappers and X-macros resolved from the tree's own #defines. Uses it cannot resolve are printed on stderr
as "scan: unresolved: file:line: reason: text".

  --format tsv|json   output format (default tsv); json adds the unresolved uses
  --out FILE          write the output to FILE instead of stdout
  --snapshot          write content/snapshots/<release>.tsv and <release>.unresolved.tsv
  --force             with --snapshot: replace existing files
  --workers N         worker threads besides the main one (default: one per extra core, at most the cores)
  --source S          where the tree comes from, named in the first line (e.g. github:owner/repo)
  --commit SHA        the tree's commit (default: read from the tree's .git, if any)
  --help              this text

Exit status: 0 done, 1 a snapshot exists (without --force), 2 usage or input error.`;

const fail: (message: string, code?: number) => never = (message, code = 2) => failCli('scan', message, code);

const { values, positionals } = parseCli({
  name: 'scan',
  usage: HELP,
  allowPositionals: true,
  positionals: { min: 1, max: 1 },
  options: {
    format: { type: 'string', default: 'tsv' },
    out: { type: 'string' },
    snapshot: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    workers: { type: 'string' },
    source: { type: 'string' },
    commit: { type: 'string' },
    root: { type: 'string', default: REPO_ROOT },
  },
});
if (values.format !== 'tsv' && values.format !== 'json') fail(`--format must be tsv or json (got "${values.format}")`);
if (values.snapshot && (values.out || values.format === 'json'))
  fail('--snapshot writes content/snapshots/<release>.tsv itself; drop --out and --format json');
if (values.force && !values.snapshot) fail('--force only applies to --snapshot');
const requested = values.workers === undefined ? workersPerCore() : Number(values.workers);
if (!(Number.isInteger(requested) && requested >= 0)) fail(`--workers must be a whole number (got "${values.workers}")`);
const workers = capWorkers(requested);
const sourceProblem = sourceOptionProblem(values.source, values.commit);
if (sourceProblem) fail(sourceProblem);
if (values.out !== undefined) {
  const kind = pathKind(values.out);
  if (kind === 'directory') fail(`--out ${values.out}: a directory, expected a file to write`);
  if (kind === 'other') fail(`--out ${values.out}: not a regular file (a FIFO, socket or device)`);
  if (pathKind(path.dirname(path.resolve(values.out))) !== 'directory')
    fail(`--out ${values.out}: no such directory ${path.dirname(path.resolve(values.out))}`);
}

const tree = positionals[0]!;
const snapshotsDir = path.join(values.root, SNAPSHOTS_DIR);
let result;
try {
  // Refuse before a long scan rather than after it.
  if (values.snapshot) {
    const file = snapshotFile(snapshotsDir, readTreeVersion(path.resolve(tree)));
    checkSnapshotWritable(file, values.force);
    checkSnapshotWritable(unresolvedFile(file), values.force);
  }
  result = await scanTree(tree, { workers, source: values.source, commit: values.commit });
} catch (error) {
  if (error instanceof ScanError) fail(error.message);
  if (error instanceof SnapshotExistsError) fail(error.message, 1);
  throw error;
}

for (const u of result.unresolved) console.error(`scan: unresolved: ${formatUnresolved(u)}`);
if (values.snapshot) {
  try {
    for (const file of writeScanSnapshot(snapshotsDir, result, values.force)) console.error(`scan: wrote ${file}`);
  } catch (error) {
    if (error instanceof SnapshotExistsError) fail(error.message, 1);
    if (error instanceof ScanError) fail(error.message);
    throw error;
  }
} else {
  const output = values.format === 'json' ? formatScanJson(result) : formatScanTsv(result);
  if (values.out) {
    try {
      writeFileSync(values.out, output);
    } catch (error) {
      fail(`--out ${values.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else process.stdout.write(output);
}
console.error(`scan: ${summarizeScan(result)}`);
