// Keys for the page cache (page-cache.ts): an output is reused only when its key is unchanged, so
// a key covers the code and config it was rendered with, the page's props, and the build-wide
// data pages read while rendering (which symbols have pages, the snapshots).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Snapshot } from '../kernel/snapshot.ts';
import type { ReleaseEntry } from '../history/model.ts';

export function digest(...parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('base64url');
}

/**
 * The build-wide data every symbol page may show: the set of symbols with pages, the snapshots, and
 * the history store's releases (a page's timeline is derived from them and its own intervals, which key the page).
 */
export function sharedPageKey(
  symbolsWithPages: Iterable<string>,
  snapshots: readonly Snapshot[],
  historyReleases: readonly ReleaseEntry[],
): string {
  const snapshotParts = snapshots.map(
    (s) => `${s.version}\n${s.rows.map((r) => `${r.symbol}\t${r.macro}\t${r.namespace}\t${r.file}\t${r.line}`).join('\n')}`,
  );
  return digest([...symbolsWithPages].sort().join('\n'), ...snapshotParts, JSON.stringify(historyReleases));
}

/** The key of one output: code, shared data, its props and any extra inputs (e.g. the date). */
export function pageCacheKey(code: string, shared: string, props: unknown, ...extra: string[]): string {
  return digest(code, shared, JSON.stringify(props), ...extra);
}

/**
 * The code and configuration every page is rendered with: the sources under `src/`, the Astro
 * config, the lockfile (dependency versions) and the config values that shape URLs.
 */
export function codeDigest(root: string, config: Record<string, unknown>): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(path.join(root, 'src'));
  for (const name of ['astro.config.mjs', 'package-lock.json']) if (fs.existsSync(path.join(root, name))) files.push(path.join(root, name));
  files.sort();
  return digest(JSON.stringify(config), ...files.flatMap((f) => [path.relative(root, f), fs.readFileSync(f, 'latin1')]));
}
