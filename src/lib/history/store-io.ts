// Reading the history store from its folder and writing it back. Writing is all or nothing as far as
// a failure before the renames goes: every changed file is first written beside its target under a
// temporary name, then each is renamed over its target (atomic per file), then files of shards that
// no longer exist are deleted. Unchanged files are not touched.
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

export function writeStore(dir: string, store: HistoryStore): WriteResult {
  const wanted = formatStore(store);
  const existing = listStoreFiles(dir);
  const changed = [...wanted].filter(([file, text]) => !existing.includes(file) || fs.readFileSync(path.join(dir, file), 'utf8') !== text);
  const temporary = (file: string) => path.join(dir, `${file}.tmp-${process.pid}`);
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
  for (const file of staged) fs.renameSync(temporary(file), path.join(dir, file));
  const removed = existing.filter((f) => !wanted.has(f));
  for (const file of removed) fs.rmSync(path.join(dir, file));
  removeEmptyFolders(dir, removed);
  return { written: staged, removed };
}

function removeEmptyFolders(dir: string, removed: readonly string[]): void {
  const folders = new Set(removed.map((f) => path.dirname(f)).filter((f) => f !== '.'));
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    const full = path.join(dir, folder);
    if (fs.existsSync(full) && fs.readdirSync(full).length === 0) fs.rmdirSync(full);
  }
}
