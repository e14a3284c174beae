// Where things live in the repository (paths relative to its root).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXPORTS_DIR = 'content/exports';
export const MECHANISMS_DIR = 'content/mechanisms';
export const SNAPSHOTS_DIR = 'content/snapshots';

/**
 * Scratch space for test and benchmark builds. It must lie inside the project: Astro writes its
 * prerender chunks next to an outDir within the cwd (else into the shared <root>/.astro), and those
 * chunks resolve packages from node_modules. Ignored by git like the rest of node_modules.
 */
export function makeBuildDir(prefix: string): string {
  const parent = path.join(REPO_ROOT, 'node_modules/.cache/ked-builds');
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, prefix));
}

/**
 * Astro's cacheDir (astro.config.mjs) and the build's own caches under it. KED_CACHE_DIR lets tests
 * and benchmarks keep theirs apart; relative to the working directory, the project root when Astro runs.
 */
export const buildCacheDir = (env: NodeJS.ProcessEnv = process.env): string => path.resolve(env.KED_CACHE_DIR ?? 'node_modules/.astro');
