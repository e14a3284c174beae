// npm run bench:history -- [<kernel git repository>] [--releases N] [--scale 1] [--filler 9] [--tags GLOB|A..B] [--stable] [--keep]
// Times `history scan`'s incremental scan of a repository's tags against scanning every tag in full
// (`npm run scan`'s scanTree on a checkout of each), and checks that both give the same rows. The two
// run tag by tag, one after the other (check out tag N, scan it in full, scan it incrementally), so
// that both see the same load on a shared machine; checking out is not counted.
// Without a repository: builds one in a temp dir from ../shared/data/snapshots/*.tsv, one commit and tag
// per release in version order (each export row at its file and line among filler, --filler exportless
// .c/.h/.S files beside each exporting file, every file drawn from its own path so that a file whose rows
// did not change is the same blob in the next release), then packs it as a clone's objects are.
// --releases takes the first N releases, --scale a fraction of the files. With a repository: its tags as
// `history scan` selects them (--tags, --stable), each checked out into a temp dir for the full scan.
// Target: the incremental total at most a quarter of the full-scan total. Exit 1 when missed or unequal.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fail as failCli, parseCli } from '../src/lib/cli-args.ts';
import { selectTags } from '../src/lib/history/tag-selection.ts';
import { GitRepository, type TreeListing } from '../src/lib/kernel/git-tree.ts';
import { IncrementalScanner } from '../src/lib/kernel/incremental-scan.ts';
import { kernelRelease, snapshotKernelVersion } from '../src/lib/kernel/makefile-version.ts';
import { scanTree } from '../src/lib/kernel/scan.ts';
import { isSnapshotFileName, parseSnapshot, type ExportRow } from '../src/lib/kernel/snapshot.ts';
import { syntheticReleaseFiles } from '../src/lib/kernel/synthetic-tree.ts';
import { compareReleases } from '../src/lib/kernel/versions.ts';
import { REPO_ROOT } from '../src/lib/project.ts';

const SNAPSHOTS = path.resolve(REPO_ROOT, '../shared/data/snapshots');
const USAGE =
  'usage: npm run bench:history -- [<kernel git repository>] [--releases N] [--scale 1] [--filler 9] [--tags GLOB|A..B] [--stable] [--keep]';
const fail: (message: string) => never = (message) => failCli('bench:history', message);

const { values, positionals } = parseCli({
  name: 'bench:history',
  usage: USAGE,
  allowPositionals: true,
  positionals: { max: 1 },
  options: {
    releases: { type: 'string' },
    scale: { type: 'string', default: '1' },
    filler: { type: 'string', default: '9' },
    tags: { type: 'string' },
    stable: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
const filler = Number(values.filler);
const limit = values.releases === undefined ? Infinity : Number(values.releases);
if (!(scale > 0 && scale <= 1)) fail(`--scale must be in (0, 1] (got "${values.scale}")`);
if (!(Number.isInteger(filler) && filler >= 0)) fail(`--filler must be a whole number (got "${values.filler}")`);
if (!(limit === Infinity || (Number.isInteger(limit) && limit >= 2)))
  fail(`--releases must be a whole number of at least 2 (got "${values.releases}")`);

/** A `scale` fraction of the files, each kept or not by its path alone, so that every release keeps the same ones. */
function sampleByPath(rows: readonly ExportRow[]): readonly ExportRow[] {
  if (scale === 1) return rows;
  const kept = (file: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < file.length; i++) h = Math.imul(h ^ file.charCodeAt(i), 0x01000193) >>> 0;
    return h / 2 ** 32 < scale;
  };
  return rows.filter((r) => kept(r.file));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rowsKey = (rows: readonly ExportRow[]) => JSON.stringify(rows);
const git = (repo: string, ...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
console.log(`machine: ${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(2)} (other work slows both sides)`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'ked-bench-history-'));
/** Full-scan time and rows per tag. */
const full = new Map<string, { ms: number; rows: string; count: number }>();

async function scanFull(tag: string, tree: string): Promise<void> {
  const result = await scanTree(tree);
  full.set(tag, { ms: result.stats.milliseconds, rows: rowsKey(result.rows), count: result.rows.length });
  console.log(`full ${tag}: ${result.rows.length} rows, ${result.stats.files} files, ${seconds(result.stats.milliseconds)}`);
}

/** Deletes a file and the folders it leaves empty (a checkout has no empty folders: arch/ lists would differ). */
function removeFile(root: string, file: string): void {
  rmSync(path.join(root, file));
  for (let d = path.dirname(file); d !== '.'; d = path.dirname(d)) {
    const full = path.join(root, d);
    if (readdirSync(full).length) break;
    rmdirSync(full);
  }
}

/** Builds the synthetic repository: one commit and tag per release. */
async function buildSynthetic(repo: string): Promise<string[]> {
  if (!existsSync(SNAPSHOTS)) fail(`${SNAPSHOTS} not found: the synthetic benchmark needs the shared snapshots next to the repository`);
  const snapshots = readdirSync(SNAPSHOTS)
    .filter(isSnapshotFileName)
    .map((f) => parseSnapshot(readFileSync(path.join(SNAPSHOTS, f), 'utf8'), f))
    .sort((a, b) => compareReleases(a.version, b.version))
    .slice(0, limit);
  mkdirSync(repo);
  git(repo, 'init', '-q');
  git(repo, 'config', 'user.email', 'bench@example.org');
  git(repo, 'config', 'user.name', 'bench');
  git(repo, 'config', 'gc.auto', '0');
  let previous = new Map<string, string>();
  const tags: string[] = [];
  for (const snapshot of snapshots) {
    const started = performance.now();
    const kernelVersion = snapshotKernelVersion(snapshot.source);
    if (!kernelVersion) fail(`${snapshot.version}: no kernel version in its first line`);
    const tag = kernelRelease(kernelVersion);
    const files = syntheticReleaseFiles({ rows: sampleByPath(snapshot.rows), kernelVersion, fillerPerFile: filler });
    let written = 0;
    for (const [file, { key, text }] of files) {
      if (previous.get(file) === key) continue;
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      writeFileSync(path.join(repo, file), text());
      written++;
    }
    const gone = [...previous.keys()].filter((f) => !files.has(f));
    for (const file of gone) removeFile(repo, file);
    previous = new Map([...files].map(([f, { key }]) => [f, key]));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '--allow-empty', '-m', tag);
    git(repo, 'tag', tag);
    tags.push(tag);
    console.log(
      `release ${tag}: ${files.size} files, ${written} written, ${gone.length} removed, committed in ${seconds(performance.now() - started)}`,
    );
  }
  // A clone's objects come packed; loose objects would make every blob read a file of its own.
  const started = performance.now();
  git(repo, 'repack', '-a', '-d', '-q');
  // Read once, as the full scans find their files in the page cache just after checking them out.
  for (const pack of readdirSync(path.join(repo, '.git/objects/pack')).filter((f) => f.endsWith('.pack')))
    readFileSync(path.join(repo, '.git/objects/pack', pack));
  console.log(`packed the repository and read the pack once in ${seconds(performance.now() - started)} (not counted)`);
  return tags;
}

/** Checks out a tag of the synthetic repository into its own work tree (files of the last tag replaced). */
function checkoutSynthetic(repo: string, tag: string): string {
  git(repo, 'checkout', '-q', '-f', tag);
  return repo;
}

/** The tags of a real repository that `history scan` would take. */
function realTags(repo: string): string[] {
  const tags = selectTags(new GitRepository(repo).tags(), { tags: values.tags, stable: values.stable }).slice(0, limit);
  if (tags.length < 2) fail(`${repo}: fewer than two release tags selected`);
  return tags;
}

/** Checks out a tag of a real repository into a fresh temp dir. */
function checkoutReal(repo: string, tag: string): string {
  const tree = path.join(dir, 'checkout');
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree);
  git(repo, `--work-tree=${tree}`, 'checkout', '-q', '-f', tag, '--', '.');
  return tree;
}

let met: boolean;
try {
  const repo = positionals[0] ? path.resolve(positionals[0]) : path.join(dir, 'linux');
  const tags = positionals[0] ? realTags(repo) : await buildSynthetic(repo);
  const checkout = positionals[0] ? checkoutReal : checkoutSynthetic;

  const repository = new GitRepository(repo);
  const blobs = repository.openBlobs();
  const scanner = new IncrementalScanner(blobs);
  let incremental = 0;
  let unequal = 0;
  let previous: { commit: string; listing: TreeListing } | undefined;
  const loads: number[] = [];
  try {
    // As history scan does: every tag's commit, and what changed from each to the next, asked at once.
    const started = performance.now();
    const commits = repository.commitsOf(tags);
    const changes = repository.diffTrees(commits.slice(1).map((commit, i) => [commits[i]!, commit] as const));
    incremental += performance.now() - started;
    for (const [i, tag] of tags.entries()) {
      loads.push(os.loadavg()[0]!);
      await scanFull(tag, checkout(repo, tag));
      const started = performance.now();
      const commit = commits[i]!;
      const listing = repository.listTreeFrom(previous, commit, changes[i - 1]);
      previous = { commit, listing };
      const scan = scanner.scan(listing, tag, (names, pathspecs) => repository.filesMentioning(commit, names, pathspecs));
      const ms = performance.now() - started;
      incremental += ms;
      const same = rowsKey(scan.rows) === full.get(tag)!.rows;
      if (!same) unequal++;
      const s = scan.stats;
      console.log(
        `incremental ${tag}: ${scan.rows.length} rows${same ? '' : ' DIFFERENT FROM THE FULL SCAN'}, read ${s.readFiles} of ${s.files} files, resolved ${s.resolvedFiles} of ${s.lexedFiles}, ${seconds(ms)}`,
      );
    }
  } finally {
    blobs.close();
    if (positionals[0]) git(repo, 'reset', '-q');
  }
  console.log(`load average (1 min) as each tag started: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
  const fullTotal = [...full.values()].reduce((n, f) => n + f.ms, 0);
  const ratio = incremental / fullTotal;
  met = ratio <= 0.25 && unequal === 0;
  console.log(
    `${tags.length} releases: full scans ${seconds(fullTotal)} in all, incremental ${seconds(incremental)} in all (${(ratio * 100).toFixed(1)}% of full; ${tags.length > 1 ? `${seconds((incremental - 0) / tags.length)} a release on average` : ''})`,
  );
  console.log(`rows equal to the full scan's for ${tags.length - unequal} of ${tags.length} releases`);
  console.log(`target (incremental at most a quarter of the full-scan total, equal rows): ${met ? 'met' : 'NOT met'}`);
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
process.exitCode = met ? 0 : 1;
