// Reading the history store from its folder and writing it back, all or nothing even if the process
// dies midway: every changed file is first written beside its target under a temporary name; then a
// journal naming those renames and the deletions is written (itself through a temporary name and a
// rename, so it is whole or absent); then each file is renamed over its target (atomic per file), the
// files of shards that no longer exist are deleted, and the journal goes. A write stopped before the
// journal leaves the store as it was (its temporary files are removed by the next write); one stopped
// after it is finished by the next (finishInterruptedWrite). Unchanged files are not touched.
import fs from 'node:fs';
import path from 'node:path';
import type { HistoryStore } from './model.ts';
import { formatStore, parseStore, RELEASES_FILE } from './store-files.ts';
import { EXPORTS_SUBDIR, LINES_SUBDIR } from './shards.ts';

/** The store's own files below `dir` (releases.tsv, exports/**.tsv, lines/**.tsv), as relative paths. */
export function listStoreFiles(dir: string): string[] {
  const files: string[] = [];
  if (fs.existsSync(path.join(dir, RELEASES_FILE))) files.push(RELEASES_FILE);
  const walk = (relative: string) => {
    const full = path.join(dir, relative);
    if (!fs.existsSync(full)) return;
    for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.tsv')) files.push(child);
    }
  };
  walk(EXPORTS_SUBDIR);
  walk(LINES_SUBDIR);
  return files.sort();
}

/** `display` prefixes file names in errors (default: `dir` as given). An absent folder is an empty store. */
export function readStore(dir: string, display = dir): HistoryStore {
  const files = new Map(listStoreFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  return parseStore(files, display.endsWith('/') || display === '' ? display : `${display}/`);
}

/** Bytes and number of the store's own files: what the 15 MB budget of issue 13 is measured on. */
export function storeSize(dir: string): { bytes: number; files: number } {
  const files = listStoreFiles(dir);
  return { bytes: files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0), files: files.length };
}

export interface WriteResult {
  written: string[];
  removed: string[];
}

/** Present only while a write's renames are under way: what they are. */
export const WRITE_JOURNAL = '.write-journal.json';
const TEMPORARY = /\.tmp-\d+$/;

interface Journal {
  /** Store files (relative) each renamed from `${file}${suffix}`. */
  renames: string[];
  suffix: string;
  removals: string[];
}

function applyJournal(dir: string, journal: Journal): void {
  for (const file of journal.renames) {
    const temporary = path.join(dir, `${file}${journal.suffix}`);
    // Already renamed when the write stopped, if absent.
    if (fs.existsSync(temporary)) fs.renameSync(temporary, path.join(dir, file));
  }
  for (const file of journal.removals) fs.rmSync(path.join(dir, file), { force: true });
  removeEmptyFolders(dir, journal.removals);
  fs.rmSync(path.join(dir, WRITE_JOURNAL));
}

/** Temporary files a write left behind (below `dir`), as relative paths. */
function temporaryFiles(dir: string, relative = ''): string[] {
  const full = path.join(dir, relative);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return temporaryFiles(dir, child);
    return TEMPORARY.test(entry.name) ? [child] : [];
  });
}

/**
 * Finishes a write that was stopped after its journal (the renames it lists are done), or discards one
 * stopped before (its temporary files are removed): the store is then the new one or the old one, whole.
 * Returns whether there was anything to do.
 */
export function finishInterruptedWrite(dir: string): boolean {
  const journalFile = path.join(dir, WRITE_JOURNAL);
  let done = false;
  if (fs.existsSync(journalFile)) {
    applyJournal(dir, JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal);
    done = true;
  }
  for (const file of temporaryFiles(dir)) {
    fs.rmSync(path.join(dir, file));
    done = true;
  }
  return done;
}

export function writeStore(dir: string, store: HistoryStore): WriteResult {
  finishInterruptedWrite(dir);
  const wanted = formatStore(store);
  const existing = listStoreFiles(dir);
  const changed = [...wanted].filter(([file, text]) => !existing.includes(file) || fs.readFileSync(path.join(dir, file), 'utf8') !== text);
  const suffix = `.tmp-${process.pid}`;
  const temporary = (file: string) => path.join(dir, `${file}${suffix}`);
  const staged: string[] = [];
  try {
    for (const [file, text] of changed) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(temporary(file), text);
      staged.push(file);
    }
  } catch (error) {
    for (const file of staged) fs.rmSync(temporary(file), { force: true });
    throw error;
  }
  const removed = existing.filter((f) => !wanted.has(f));
  if (!staged.length && !removed.length) return { written: [], removed: [] };
  const journal: Journal = { renames: staged, suffix, removals: removed };
  fs.writeFileSync(temporary(WRITE_JOURNAL), JSON.stringify(journal));
  fs.renameSync(temporary(WRITE_JOURNAL), path.join(dir, WRITE_JOURNAL));
  applyJournal(dir, journal);
  return { written: staged, removed };
}

function removeEmptyFolders(dir: string, removed: readonly string[]): void {
  const folders = new Set(removed.map((f) => path.dirname(f)).filter((f) => f !== '.'));
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    const full = path.join(dir, folder);
    if (fs.existsSync(full) && fs.readdirSync(full).length === 0) fs.rmdirSync(full);
  }
}
