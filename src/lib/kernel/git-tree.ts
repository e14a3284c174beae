// A kernel repository read through git alone, never through a work tree: its tags, the blob ids of a
// commit's files (`git ls-tree`), and blobs read synchronously from one long-lived `git cat-file --batch`
// (the scanner's readers are synchronous). A blobless clone (`--filter=blob:none`) works: git fetches a
// missing blob when it is read, and `prefetchBlobs` asks for many at once beforehand.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScanError } from './scan-error.ts';

export interface TreeEntry {
  /** 100644, 100755 (regular files), 120000 (symbolic link), 160000 (submodule). */
  mode: string;
  oid: string;
}

/** A commit's files: `/`-separated path → entry. */
export type TreeListing = ReadonlyMap<string, TreeEntry>;

/** The paths whose entry differs between two commits → the entry in the second (undefined: none). */
export type TreeChanges = ReadonlyMap<string, TreeEntry | undefined>;

export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export function isRegularFile(entry: TreeEntry | undefined): boolean {
  return entry?.mode === '100644' || entry?.mode === '100755';
}

export class GitRepository {
  readonly dir: string;

  /** Throws a ScanError unless `dir` is a git repository (bare or not). */
  constructor(dir: string) {
    this.dir = path.resolve(dir);
    const r = spawnSync('git', ['-C', this.dir, 'rev-parse', '--git-dir'], { encoding: 'utf8' });
    if (r.error) throw new ScanError(`git cannot be run: ${r.error.message}`);
    if (r.status !== 0) throw new ScanError(`${dir}: not a git repository (${r.stderr.trim().split('\n')[0]})`);
  }

  git(args: readonly string[]): string {
    return execFileSync('git', ['-C', this.dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Every tag name. */
  tags(): string[] {
    return this.git(['for-each-ref', '--format=%(refname:short)', 'refs/tags']).split('\n').filter(Boolean);
  }

  /** The commit a tag (or any revision) points to, annotated tags peeled. */
  commitOf(revision: string): string {
    return this.git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]).trim();
  }

  /** The committer date of a commit, YYYY-MM-DD (UTC). */
  commitDate(commit: string): string {
    const seconds = Number(this.git(['show', '-s', '--format=%ct', commit]).trim());
    return new Date(seconds * 1000).toISOString().slice(0, 10);
  }

  /** Every file of a commit, recursively (no blob is read: a blobless clone has the trees). */
  listTree(commit: string): Map<string, TreeEntry> {
    const out = this.git(['ls-tree', '-r', '-z', '--full-tree', commit]);
    const entries = new Map<string, TreeEntry>();
    for (const record of out.split('\0')) {
      if (!record) continue;
      const tab = record.indexOf('\t');
      const [mode, , oid] = record.slice(0, tab).split(' ') as [string, string, string];
      entries.set(record.slice(tab + 1), { mode, oid });
    }
    return entries;
  }

  /**
   * The files of `commit`, from those of an earlier commit and the difference between the two trees
   * (`git diff-tree`, which skips the subtrees they share): far less than listing every file again.
   * `changes`: that difference, when already known (diffTrees).
   */
  listTreeFrom(
    previous: { commit: string; listing: TreeListing } | undefined,
    commit: string,
    changes?: TreeChanges,
  ): Map<string, TreeEntry> {
    if (!previous) return this.listTree(commit);
    const entries = new Map(previous.listing);
    for (const [file, entry] of changes ?? this.diffTrees([[previous.commit, commit]])[0]!)
      if (entry) entries.set(file, entry);
      else entries.delete(file);
    return entries;
  }

  /** The commits of many revisions (annotated tags peeled), in one `git rev-parse`. */
  commitsOf(revisions: readonly string[]): string[] {
    if (!revisions.length) return [];
    return this.git(['rev-parse', ...revisions.map((r) => `${r}^{commit}`)])
      .trim()
      .split('\n');
  }

  /**
   * What changed between each pair of commits, all from one `git diff-tree --stdin` (a process per tag
   * costs more than the comparison on a busy machine): for each pair, every path whose entry differs,
   * with its entry in the second commit or undefined when it has none.
   */
  diffTrees(pairs: ReadonlyArray<readonly [string, string]>): TreeChanges[] {
    if (!pairs.length) return [];
    const trees = this.git(['rev-parse', ...pairs.flatMap(([a, b]) => [`${a}^{tree}`, `${b}^{tree}`])])
      .trim()
      .split('\n');
    const input = pairs.map((_, i) => `${trees[2 * i]} ${trees[2 * i + 1]}\n`).join('');
    const out = execFileSync('git', ['-C', this.dir, 'diff-tree', '-r', '-z', '--no-renames', '--stdin'], {
      input,
      encoding: 'latin1',
      maxBuffer: 1 << 30,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // Each pair's output: its two tree ids and a newline, then `:oldmode newmode oldoid newoid status\0path\0` per path.
    const changes: TreeChanges[] = [];
    let current: Map<string, TreeEntry | undefined> | undefined;
    for (let at = 0; at < out.length;) {
      if (out[at] !== ':') {
        const end = out.indexOf('\n', at);
        changes.push((current = new Map()));
        at = end + 1;
        continue;
      }
      const metaEnd = out.indexOf('\0', at);
      const pathEnd = out.indexOf('\0', metaEnd + 1);
      const [, mode, , oid, status] = out.slice(at + 1, metaEnd).split(' ') as [string, string, string, string, string];
      // Paths are bytes: latin1 in, UTF-8 back, as ls-tree's listing has them.
      const file = Buffer.from(out.slice(metaEnd + 1, pathEnd), 'latin1').toString('utf8');
      current!.set(file, status === 'D' ? undefined : { mode, oid });
      at = pathEnd + 1;
    }
    if (changes.length !== pairs.length)
      throw new ScanError(`git diff-tree compared ${changes.length} pairs of trees, not ${pairs.length}`);
    return changes;
  }

  /**
   * The files of `commit` under `pathspecs` whose text contains any of `names` (`git grep`, which reads
   * the blobs itself, on every core, without handing them over): when most of a tree must be searched,
   * far cheaper than reading each blob through cat-file to search it here.
   */
  filesMentioning(commit: string, names: readonly string[], pathspecs: readonly string[]): Set<string> {
    const r = spawnSync(
      'git',
      ['-C', this.dir, 'grep', '-l', '-z', '--full-name', '-F', ...names.flatMap((n) => ['-e', n]), commit, '--', ...pathspecs],
      { encoding: 'latin1', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Exit 1: nothing matched.
    if (r.status !== 0 && !(r.status === 1 && !r.stdout))
      throw new ScanError(`${this.dir}: git grep failed in ${commit} (exit ${r.status}): ${r.stderr.trim().split('\n')[0]}`);
    const prefix = `${commit}:`;
    return new Set(
      r.stdout
        .split('\0')
        .filter(Boolean)
        .map((line) => Buffer.from(line.startsWith(prefix) ? line.slice(prefix.length) : line, 'latin1').toString('utf8')),
    );
  }

  /** Whether this is a partial clone, whose blobs may be absent until fetched (a promisor remote). */
  isPartial(): boolean {
    return (this.partial ??= this.readPartial());
  }

  private partial: boolean | undefined;

  private readPartial(): boolean {
    const config = (args: string[]) => spawnSync('git', ['-C', this.dir, 'config', ...args], { encoding: 'utf8' });
    const promisor = config(['--get-regexp', '^remote\\..*\\.promisor$'])
      .stdout.split('\n')
      .some((l) => / true$/.test(l));
    return promisor || config(['--get', 'extensions.partialclone']).stdout.trim() !== '';
  }

  /**
   * Fetches, in one request, the blobs of the files under `pathspecs` that differ between two commits
   * (`from` undefined: every such file of `to`), when this is a partial clone: `git diff --numstat`
   * needs their contents and asks the promisor remote for all missing ones in a batch, where
   * reading them one by one would cost a round trip each.
   */
  prefetchBlobs(from: string | undefined, to: string, pathspecs: readonly string[]): void {
    if (!this.isPartial()) return;
    const r = spawnSync('git', ['-C', this.dir, 'diff', '--numstat', '--no-renames', from ?? EMPTY_TREE, to, '--', ...pathspecs], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new ScanError(`${this.dir}: git diff could not fetch the blobs of ${to} (exit ${r.status})`);
  }

  openBlobs(): BlobReader {
    return new BlobReader(this.dir);
  }
}

/**
 * `git cat-file --batch` behind two FIFOs opened blocking, so a blob is read synchronously: a request
 * line written, the answer read back. One process serves every read of a scan.
 */
export class BlobReader {
  private readonly tmp: string;
  private readonly child: ChildProcess;
  private readonly input: number;
  private readonly output: number;
  private buffer = Buffer.allocUnsafe(1 << 20);
  private start = 0;
  private end = 0;
  bytes = 0;
  reads = 0;

  constructor(repo: string) {
    this.tmp = mkdtempSync(path.join(os.tmpdir(), 'ked-blobs-'));
    const request = path.join(this.tmp, 'in');
    const answer = path.join(this.tmp, 'out');
    const made = spawnSync('mkfifo', [request, answer]);
    if (made.status !== 0) throw new ScanError('mkfifo failed: cannot talk to git cat-file');
    // The shell opens the request FIFO, then the answer FIFO, in the order the opens below wait for.
    // A larger cache of delta bases than git's 96 MB default: a release's files are deltas of one another.
    const git = 'exec git -C "$1" -c core.deltaBaseCacheLimit=256m cat-file --batch <"$2" >"$3"';
    this.child = spawn('sh', ['-c', git, 'sh', repo, request, answer], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.input = openSync(request, 'w');
    this.output = openSync(answer, 'r');
  }

  /** The blob's bytes (valid until the next read), or undefined when git has no such object. */
  read(oid: string): Buffer | undefined {
    this.request(`${oid}\n`);
    return this.answer(oid);
  }

  private request(lines: string): void {
    const bytes = Buffer.from(lines, 'latin1');
    for (let done = 0; done < bytes.length;) done += writeSync(this.input, bytes, done);
  }

  /** The answer to a request already sent. */
  private answer(oid: string): Buffer | undefined {
    const header = this.line();
    if (header.endsWith(' missing')) return undefined;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) throw new ScanError(`git cat-file answered "${header}" for ${oid}`);
    const size = Number(m[2]);
    this.fill(size + 1);
    const content = this.buffer.subarray(this.start, this.start + size);
    this.start += size + 1;
    this.bytes += size;
    this.reads++;
    return content;
  }

  /**
   * Reads many blobs, handing each to `use` in order (its bytes valid only during the call, undefined
   * when git has none), through the same long-lived `git cat-file --batch`: the requests go in chunks
   * small enough for the request pipe (so writing one never waits on git, which may be waiting on us
   * to read), and git answers a chunk while the answers before are used. One process for a whole run
   * keeps git's cache of delta bases: a file's versions are deltas of one another, so the blobs of the
   * next tag are mostly built from bases the last tag's reads left there. (A `git cat-file` spawned
   * per tag started from an empty cache and took four times as long on the benchmark's repository.)
   */
  readMany(oids: readonly string[], use: (index: number, content: Buffer | undefined) => void): void {
    // 1,000 requests of 41 bytes: well under a pipe's 64 KB.
    const CHUNK = 1000;
    for (let start = 0; start < oids.length; start += CHUNK) {
      const chunk = oids.slice(start, start + CHUNK);
      this.request(chunk.map((oid) => `${oid}\n`).join(''));
      chunk.forEach((oid, i) => use(start + i, this.answer(oid)));
    }
  }

  close(): void {
    closeSync(this.input);
    closeSync(this.output);
    this.child.kill();
    rmSync(this.tmp, { recursive: true, force: true });
  }

  private line(): string {
    for (;;) {
      const nl = this.buffer.subarray(this.start, this.end).indexOf(10);
      if (nl >= 0) {
        const text = this.buffer.toString('latin1', this.start, this.start + nl);
        this.start += nl + 1;
        return text;
      }
      this.fill(this.end - this.start + 1);
    }
  }

  /** Reads until at least `wanted` unread bytes are buffered. */
  private fill(wanted: number): void {
    if (this.end - this.start >= wanted) return;
    if (this.start + wanted > this.buffer.length) {
      const size = Math.max(this.buffer.length, wanted * 2);
      const next = size > this.buffer.length ? Buffer.allocUnsafe(size) : this.buffer;
      this.buffer.copy(next, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
      this.buffer = next;
    }
    while (this.end - this.start < wanted) {
      const n = readSync(this.output, this.buffer, this.end, this.buffer.length - this.end, null);
      if (n === 0) throw new ScanError('git cat-file stopped answering');
      this.end += n;
    }
  }
}
