// npm run scan -- <kernel-tree> [--format tsv|json] [--out FILE] [--snapshot [--force]] [--workers N]
// Lists every export-macro use in a kernel tree as snapshot rows; unresolvable uses go to stderr
// (and to the `unresolved` field with --format json). --snapshot writes content/snapshots/<release>.tsv.
// --workers N: threads reading files besides the main one (default: one per extra core).
import { writeFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

// Cached compilation (type stripping included) halves start-up, which counts against git grep's few
// milliseconds; worker threads inherit it through the environment. The library is imported after it.
const cache = module.enableCompileCache?.();
if (cache?.directory) process.env.NODE_COMPILE_CACHE = cache.directory;
const { readTreeVersion, scanTree, ScanError, workersPerCore } = await import('../src/lib/kernel/scan.ts');
const { checkSnapshotWritable, formatScanJson, formatScanTsv, formatUnresolved, snapshotFile, SnapshotExistsError, summarizeScan, writeScanSnapshot } =
  await import('../src/lib/kernel/scan-output.ts');
const { REPO_ROOT, SNAPSHOTS_DIR } = await import('../src/lib/project.ts');

const USAGE = 'usage: npm run scan -- <kernel-tree> [--format tsv|json] [--out FILE] [--snapshot [--force]] [--workers N]';

function fail(message: string, code = 2): never {
  console.error(`scan: ${message}`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'tsv' },
      out: { type: 'string' },
      snapshot: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      workers: { type: 'string' },
      root: { type: 'string', default: REPO_ROOT },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) fail(USAGE);
if (values.format !== 'tsv' && values.format !== 'json') fail(`--format must be tsv or json (got "${values.format}")`);
if (values.snapshot && (values.out || values.format === 'json')) fail('--snapshot writes content/snapshots/<release>.tsv itself; drop --out and --format json');
if (values.force && !values.snapshot) fail('--force only applies to --snapshot');
const workers = values.workers === undefined ? workersPerCore() : Number(values.workers);
if (!(Number.isInteger(workers) && workers >= 0)) fail(`--workers must be a whole number (got "${values.workers}")`);

const tree = positionals[0]!;
const snapshotsDir = path.join(values.root, SNAPSHOTS_DIR);
let result;
try {
  // Refuse before a long scan rather than after it.
  if (values.snapshot) checkSnapshotWritable(snapshotFile(snapshotsDir, readTreeVersion(path.resolve(tree))), values.force);
  result = await scanTree(tree, { workers });
} catch (error) {
  if (error instanceof ScanError) fail(error.message);
  if (error instanceof SnapshotExistsError) fail(error.message, 1);
  throw error;
}

for (const u of result.unresolved) console.error(`scan: unresolved: ${formatUnresolved(u)}`);
if (values.snapshot) {
  try {
    console.error(`scan: wrote ${writeScanSnapshot(snapshotsDir, result, values.force)}`);
  } catch (error) {
    if (error instanceof SnapshotExistsError) fail(error.message, 1);
    throw error;
  }
} else {
  const output = values.format === 'json' ? formatScanJson(result) : formatScanTsv(result);
  if (values.out) writeFileSync(values.out, output);
  else process.stdout.write(output);
}
console.error(`scan: ${summarizeScan(result)}`);
