// `history scan`: adds the release tags of a kernel git repository to the history store, scanning the
// first tag in full and each next one incrementally (kernel/incremental-scan.ts). Every selected tag is
// checked before the first is scanned (its Makefile must name the release its tag does), so a malformed
// selection leaves the store as it was; then the store is handed to `save` after each release added, so
// that a run stopped late (a crash, a killed job) keeps what it scanned and a rerun resumes after it.
import { kernelRelease, kernelVersionDescription } from '../kernel/makefile-version.ts';
import { GitRepository, type TreeListing } from '../kernel/git-tree.ts';
import { IncrementalScanner, type CommitScanStats } from '../kernel/incremental-scan.ts';
import { ScanError, treeVersionOf } from '../kernel/scan.ts';
import type { Snapshot } from '../kernel/snapshot.ts';
import { addRelease, storableRowProblem } from './add-release.ts';
import { HistoryInputError } from './input.ts';
import type { HistoryStore } from './model.ts';
import { newerThanHeld, selectTags, TagSelectionError, type TagSelection } from './tag-selection.ts';

/** The files a scan reads, for fetching a blobless clone's blobs in bulk. */
const SCANNED_PATHSPECS = [
  ':(glob)**/*.[chS]',
  ':(glob)**/Makefile',
  ':(glob)**/Kbuild',
  ':(exclude,glob)tools/**',
  ':(exclude,glob)Documentation/**',
];

export interface ScanRepositoryOptions extends TagSelection {
  /** Names the repository in each release's source (`github:torvalds/linux`); default from its origin remote. */
  source?: string;
  /** Only tags newer than the store holds (tag-selection.ts newerThanHeld). */
  onlyNew?: boolean;
  /** Told before each tag is scanned, and after, with what was redone. */
  onTag?: (event: TagProgress) => void;
  /** Given the store after each release added (the CLI writes it), so a run stopped later keeps it. */
  save?: (store: HistoryStore, tag: string) => void;
}

export interface TagProgress {
  tag: string;
  /** 1-based position among the tags to scan, and their number. */
  index: number;
  count: number;
  stats?: CommitScanStats;
  rows?: number;
}

export interface ScanRepositoryResult {
  store: HistoryStore;
  added: string[];
  /** Tags already in the store at the same commit. */
  skipped: string[];
  milliseconds: number;
}

/** `github:owner/name` for a GitHub remote, the URL for another, the folder when there is no origin. */
export function repositorySource(repo: GitRepository): string {
  let url: string;
  try {
    url = repo.git(['config', '--get', 'remote.origin.url']).trim();
  } catch {
    return repo.dir;
  }
  const github = /github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  return github ? `github:${github[1]}/${github[2]}` : url.replace(/\/\/[^/@]*@/, '//');
}

/** Every tag's own date (the tagger's, or the commit's for a lightweight tag), YYYY-MM-DD in UTC. */
function tagDates(repo: GitRepository): Map<string, string> {
  const dates = new Map<string, string>();
  for (const line of repo.git(['for-each-ref', '--format=%(creatordate:unix) %(refname:short)', 'refs/tags']).split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) dates.set(line.slice(space + 1), new Date(Number(line.slice(0, space)) * 1000).toISOString().slice(0, 10));
  }
  return dates;
}

/** The commit of each tag, in one call when all resolve, else naming the first that does not. */
function commitsOf(repo: GitRepository, dir: string, tags: readonly string[]): Map<string, string> {
  try {
    const commits = repo.commitsOf(tags);
    return new Map(tags.map((tag, i) => [tag, commits[i]!]));
  } catch {
    for (const tag of tags) {
      try {
        repo.commitOf(tag);
      } catch {
        throw new HistoryInputError(`${dir}: tag ${tag} names no commit`);
      }
    }
    throw new HistoryInputError(`${dir}: git rev-parse could not read the tags' commits`);
  }
}

export async function scanRepository(dir: string, store: HistoryStore, options: ScanRepositoryOptions = {}): Promise<ScanRepositoryResult> {
  const started = performance.now();
  let repo: GitRepository;
  try {
    repo = new GitRepository(dir);
  } catch (error) {
    if (error instanceof ScanError) throw new HistoryInputError(error.message);
    throw error;
  }
  let tags: string[];
  try {
    tags = selectTags(repo.tags(), { ...options, only: options.onlyNew ? newerThanHeld(store.releases) : undefined });
  } catch (error) {
    if (error instanceof TagSelectionError) throw new HistoryInputError(error.message);
    throw error;
  }
  if (!tags.length && !options.onlyNew)
    throw new HistoryInputError(
      `${dir}: no release tag matches${options.tags ? ` --tags ${options.tags}` : ''}${options.stable ? '' : ' (stable point releases need --stable)'}`,
    );
  const source = options.source ?? repositorySource(repo);
  const commits = commitsOf(repo, dir, tags);
  const skipped = tags.filter((tag) => store.releases.some((r) => r.release === tag && r.commit === commits.get(tag)));
  const todo = tags.filter((tag) => !skipped.includes(tag));

  const blobs = repo.openBlobs();
  let next = store;
  try {
    // Every tag's Makefile must name its release before anything is scanned.
    for (const tag of todo) {
      const where = `${dir}@${tag}:Makefile`;
      const text = blobs.read(`${commits.get(tag)}:Makefile`)?.toString('latin1');
      if (text === undefined) throw new HistoryInputError(`${where}: no top-level Makefile, so not a kernel tree`);
      try {
        const release = kernelRelease(treeVersionOf(text, where));
        if (release !== tag) throw new HistoryInputError(`${where}: the Makefile says ${release}, the tag says ${tag}`);
      } catch (error) {
        if (error instanceof ScanError) throw new HistoryInputError(error.message);
        throw error;
      }
    }

    const scanner = new IncrementalScanner(blobs);
    const dates = tagDates(repo);
    // What changed from each tag to the next, all at once.
    const changes = repo.diffTrees(todo.slice(1).map((tag, i) => [commits.get(todo[i]!)!, commits.get(tag)!] as const));
    let previous: { commit: string; listing: TreeListing } | undefined;
    for (const [i, tag] of todo.entries()) {
      const commit = commits.get(tag)!;
      options.onTag?.({ tag, index: i + 1, count: todo.length });
      repo.prefetchBlobs(previous?.commit, commit, SCANNED_PATHSPECS);
      const listing = repo.listTreeFrom(previous, commit, changes[i - 1]);
      let scan;
      try {
        scan = scanner.scan(listing, `${dir}@${tag}`, (names, pathspecs) => repo.filesMentioning(commit, names, pathspecs));
      } catch (error) {
        if (error instanceof ScanError) throw new HistoryInputError(error.message);
        throw error;
      }
      for (const row of scan.rows) {
        const problem = storableRowProblem(row);
        if (problem) throw new HistoryInputError(`${dir}@${tag}:${row.file}:${row.line}: ${problem}`);
      }
      const snapshot: Snapshot = {
        version: tag,
        source: `source: ${source} | commit: ${commit} | kernel version: ${kernelVersionDescription(scan.kernelVersion)} | extracted by npm run history -- scan`,
        rows: scan.rows,
      };
      next = addRelease(next, snapshot, { date: dates.get(tag) || undefined });
      options.save?.(next, tag);
      options.onTag?.({ tag, index: i + 1, count: todo.length, stats: scan.stats, rows: scan.rows.length });
      previous = { commit, listing };
    }
  } finally {
    blobs.close();
  }
  return { store: next, added: todo, skipped, milliseconds: performance.now() - started };
}
