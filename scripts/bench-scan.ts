// npm run bench:scan -- [<kernel-tree>] [--scale 1] [--runs 3] [--workers N] [--sources-only] [--keep]
// Without a tree: builds a full-size synthetic kernel tree from ../shared/data/linux-exports.tsv (every
// export at its file and line among filler C, plus nine exportless C files per exporting one, plus
// Kconfig, Makefile, .dts, .rst and .yaml files in a real tree's proportion unless --sources-only), then
// times `npm run scan` against `git grep --no-index -n -E 'EXPORT_[A-Z_]*SYMBOL'` on it.
// With a tree (a real kernel checkout): times the same two commands on it, and reads nothing else.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fail as failCli, parseCli } from '../src/lib/cli-args.ts';
import { REPO_ROOT } from '../src/lib/project.ts';
import { compareRows, sampleFiles, timeCommand } from '../src/lib/kernel/bench.ts';
import { snapshotKernelVersion } from '../src/lib/kernel/makefile-version.ts';
import { parseSnapshot } from '../src/lib/kernel/snapshot.ts';
import { writeSyntheticTree } from '../src/lib/kernel/synthetic-tree.ts';

const DATA = path.resolve(REPO_ROOT, '../shared/data/linux-exports.tsv');
const FILLER_PER_EXPORTING_FILE = 9;
// v6.19: 63,993 .c/.h/.S files among about 90,000.
const OTHER_PER_SOURCE_FILE = 26_000 / 64_000;

const USAGE = 'usage: npm run bench:scan -- [<kernel-tree>] [--scale 1] [--runs 3] [--workers N] [--sources-only] [--keep]';
const fail: (message: string) => never = (message) => failCli('bench:scan', message);

const { values, positionals } = parseCli({
  name: 'bench:scan',
  usage: USAGE,
  allowPositionals: true,
  positionals: { max: 1 },
  options: {
    scale: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    workers: { type: 'string' },
    'sources-only': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
const runs = Number(values.runs);
if (!(scale > 0 && scale <= 1)) fail(`--scale must be in (0, 1] (got "${values.scale}")`);
if (!(Number.isInteger(runs) && runs > 0)) fail(`--runs must be a positive whole number (got "${values.runs}")`);
if (spawnSync('git', ['--version']).status !== 0) fail('git is not installed');

const GREP = ['git', 'grep', '--no-index', '-n', '-E', 'EXPORT_[A-Z_]*SYMBOL'];
const scanCommand = (tree: string, out: string) => [
  path.join(REPO_ROOT, 'node_modules/.bin/node'),
  path.join(REPO_ROOT, 'scripts/scan.ts'),
  tree,
  '--out',
  out,
  ...(values.workers ? ['--workers', values.workers] : []),
];
const best = (t: number[]) => Math.min(...t);

/** Alternates the two commands so that page cache and machine load treat them alike; keeps each one's times. */
function race(tree: string, out: string): { scan: number[]; grep: number[] } {
  const times = { scan: [] as number[], grep: [] as number[] };
  timeCommand(GREP, tree); // warm the page cache
  console.log(
    `machine: ${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(2)} (other work on the machine slows both tools)`,
  );
  for (let i = 0; i < runs; i++) {
    times.grep.push(timeCommand(GREP, tree));
    times.scan.push(timeCommand(scanCommand(tree, out), tree));
  }
  console.log(`git grep: best ${best(times.grep).toFixed(2)} s of ${times.grep.map((t) => t.toFixed(2)).join(', ')}`);
  console.log(`scan:     best ${best(times.scan).toFixed(2)} s of ${times.scan.map((t) => t.toFixed(2)).join(', ')}`);
  return times;
}

function verdict(times: { scan: number[]; grep: number[] }): boolean {
  const met = best(times.scan) <= best(times.grep);
  console.log(
    `target (scan no slower than git grep): ${met ? 'met' : 'NOT met'} (${(best(times.scan) / best(times.grep)).toFixed(2)}x git grep)`,
  );
  return met;
}

if (positionals.length === 1) {
  const tree = path.resolve(positionals[0]!);
  if (!existsSync(path.join(tree, 'Makefile'))) fail(`${tree}: no top-level Makefile, so not a kernel tree`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ked-bench-scan-'));
  try {
    const out = path.join(dir, 'scan.tsv');
    console.log(`tree: ${tree}`);
    const times = race(tree, out);
    console.log(`rows: ${parseSnapshot(readFileSync(out, 'utf8'), out).rows.length}`);
    process.exitCode = verdict(times) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit();
}

if (!existsSync(DATA)) fail(`${DATA} not found: the benchmark needs the shared export data next to the repository`);

const snapshot = parseSnapshot(readFileSync(DATA, 'utf8'), DATA);
const version = snapshotKernelVersion(snapshot.source);
if (!version) fail(`${DATA}: no kernel version in its first line`);
const rows = sampleFiles(snapshot.rows, scale);
// The data writes macros expanded at build time as ${NAME}; a tree without their #define gives the name.
const expected = rows.map((r) => ({ ...r, namespace: r.namespace.replace(/\$\{(\w+)\}/g, '$1') }));
const exportingFiles = new Set(rows.map((r) => r.file)).size;

const dir = mkdtempSync(path.join(os.tmpdir(), 'ked-bench-scan-'));
try {
  const tree = path.join(dir, 'linux');
  const started = performance.now();
  const fillerFiles = exportingFiles * FILLER_PER_EXPORTING_FILE;
  const otherFiles = values['sources-only'] ? 0 : Math.round((exportingFiles + fillerFiles) * OTHER_PER_SOURCE_FILE);
  const built = writeSyntheticTree(tree, { rows, kernelVersion: version, fillerFiles, otherFiles });
  console.log(
    `tree: ${built.files} files, ${(built.bytes / 1e6).toFixed(0)} MB: ${exportingFiles} .c/.h/.S with exports (${rows.length} rows), ` +
      `${fillerFiles} without, ${otherFiles} not C (read by git grep, skipped by the scanner); built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const out = path.join(dir, 'scan.tsv');
  const times = race(tree, out);
  const found = parseSnapshot(readFileSync(out, 'utf8'), out).rows;
  const { missing, extra } = compareRows(expected, found);
  const unreproducible = built.unreproducible.length;
  console.log(
    `rows: ${found.length} found, ${rows.length} expected, ${missing.length} missing, ${extra.length} extra${unreproducible ? ` (${unreproducible} not reproducible in a synthetic tree)` : ''}`,
  );
  for (const r of [...missing.slice(0, 5).map((r) => `missing ${r}`), ...extra.slice(0, 5).map((r) => `extra ${r}`)]) console.log(`  ${r}`);
  const met = verdict(times);
  process.exitCode = met && missing.length === unreproducible && extra.length === 0 ? 0 : 1;
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
