// Reuses the symbol pages of the previous build, so that editing one record re-renders its own
// page instead of 40,000 (issue 6). Astro empties outDir on every
// build, so at build start the previous outputs are moved aside (one rename per folder); the
// routes then only return paths whose key changed; at build end the unchanged outputs are moved
// back (a rename each, nothing copied) and whatever was not reused is deleted.
//
// A key (page-keys.ts) covers the code, the config, the page's props and the build-wide data the
// page reads. The state lives in <cacheDir>/ked-pages: manifest.json (the keys of what outDir
// holds), build.json (this build's code digest), previous/ (the stash) and next.json (the keys
// the routes computed in this build).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 1;

interface Manifest {
  version: number;
  outDir: string;
  /** Output path relative to outDir (a page's folder or an endpoint's file) → its key. */
  outputs: Record<string, string>;
}

interface Next {
  outputs: Record<string, string>;
  reused: string[];
}

const readJson = <T>(file: string): T | undefined => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
};

const stateFiles = (stateDir: string) => ({
  manifest: path.join(stateDir, 'manifest.json'),
  build: path.join(stateDir, 'build.json'),
  previous: path.join(stateDir, 'previous'),
  next: path.join(stateDir, 'next.json'),
});

/**
 * Build start: moves the cached folders of outDir (e.g. `symbols`) aside if the
 * manifest says they came from a build into this same outDir, and records this build's code digest.
 */
export function stashPreviousOutputs(
  stateDir: string,
  outDir: string,
  folders: readonly string[],
  codeDigest: string,
): { stashed: number } {
  const files = stateFiles(stateDir);
  removeStaleStash(files.previous);
  fs.rmSync(files.next, { force: true });
  fs.mkdirSync(files.previous, { recursive: true });
  fs.writeFileSync(files.build, JSON.stringify({ codeDigest }));
  const manifest = readJson<Manifest>(files.manifest);
  fs.rmSync(files.manifest, { force: true });
  if (manifest?.version !== VERSION || manifest.outDir !== path.resolve(outDir)) return { stashed: 0 };
  let moved = 0;
  for (const folder of folders) {
    const from = path.join(outDir, folder);
    if (!fs.existsSync(from)) continue;
    const to = path.join(files.previous, folder);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(from, to);
    moved++;
  }
  fs.writeFileSync(path.join(files.previous, 'manifest.json'), JSON.stringify(manifest));
  // The count is what the manifest lists; a folder deleted by hand since then stashes nothing.
  return { stashed: moved ? Object.keys(manifest.outputs).length : 0 };
}

/** What the routes use while computing their paths: the code digest, and whether an output can be reused. */
export interface PageReuse {
  codeDigest: string;
  /** Records `key` for `output` and says whether the stashed output has that key. */
  reusable(output: string, key: string): boolean;
  /** Writes the keys recorded so far, for the build-end step. */
  save(): void;
}

/** `stateDir` undefined (dev server, or a build without the integration): nothing is reused. */
export function openPageReuse(stateDir: string | undefined): PageReuse {
  if (!stateDir) return { codeDigest: '', reusable: () => false, save: () => {} };
  const files = stateFiles(stateDir);
  const codeDigest = readJson<{ codeDigest: string }>(files.build)?.codeDigest ?? '';
  const previous = readJson<Manifest>(path.join(files.previous, 'manifest.json'))?.outputs ?? {};
  const next: Next = { outputs: {}, reused: [] };
  return {
    codeDigest,
    reusable(output, key) {
      next.outputs[output] = key;
      const reuse = codeDigest !== '' && previous[output] === key && fs.existsSync(path.join(files.previous, output));
      if (reuse) next.reused.push(output);
      return reuse;
    },
    save: () => fs.writeFileSync(files.next, JSON.stringify(next)),
  };
}

/**
 * Build end: moves the reused outputs back into outDir, writes the manifest of everything keyed
 * in this build, and deletes the stash. Returns the reused outputs (for the sitemap).
 */
export function restoreReusedOutputs(stateDir: string, outDir: string): string[] {
  const files = stateFiles(stateDir);
  const next = readJson<Next>(files.next) ?? { outputs: {}, reused: [] };
  const made = new Set<string>();
  for (const output of next.reused) {
    const to = path.join(outDir, output);
    const parent = path.dirname(to);
    if (!made.has(parent)) {
      fs.mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    fs.renameSync(path.join(files.previous, output), to);
  }
  const manifest: Manifest = { version: VERSION, outDir: path.resolve(outDir), outputs: next.outputs };
  fs.writeFileSync(files.manifest, JSON.stringify(manifest));
  removeStaleStash(files.previous);
  fs.rmSync(files.next, { force: true });
  return next.reused;
}

/**
 * Build start, once every integration has taken what it keeps: moves the rest of the previous
 * build's output into the trash, deleted in the background, so that Astro's own emptying of outDir
 * (a synchronous delete of thousands of files, 7 s of a rebuild at 40,000 records) finds nothing.
 * An entry that cannot be renamed (outDir on another file system) is left for Astro to delete.
 */
export function trashPreviousOutput(stateDir: string, outDir: string): number {
  if (!fs.existsSync(outDir)) return 0;
  const trash = path.join(trashDir(stateDir), `output-${process.pid}-${Date.now()}`);
  fs.mkdirSync(trash);
  let moved = 0;
  for (const name of fs.readdirSync(outDir)) {
    if (name === '.git') continue;
    try {
      fs.renameSync(path.join(outDir, name), path.join(trash, name));
      moved++;
    } catch {
      // Left in place: Astro empties outDir itself.
    }
  }
  deleteInBackground(trash);
  return moved;
}

function trashDir(stateDir: string): string {
  const trash = path.join(stateDir, 'trash');
  fs.mkdirSync(trash, { recursive: true });
  return trash;
}

/**
 * Deleting tens of thousands of files takes seconds, so folders are renamed into a trash folder
 * and deleted in the background while the build goes on; what an interrupted build left in the
 * trash is deleted by the next one.
 */
function removeStaleStash(previous: string): void {
  const trash = trashDir(path.dirname(previous));
  if (fs.existsSync(previous)) fs.renameSync(previous, path.join(trash, `previous-${process.pid}-${Date.now()}`));
  deleteInBackground(trash, { keep: true });
}

/**
 * Deletes a folder (or only what is in it) from a process of its own that outlives the build:
 * deleted in this process, every file's unlink would queue on the thread pool that Vite's and the
 * build's own file reads and writes wait on (a rebuild's bundling step took 38 s instead of 2).
 */
function deleteInBackground(dir: string, { keep = false } = {}): void {
  const script = `const fs = require('node:fs'), path = require('node:path'), dir = ${JSON.stringify(dir)};
for (const name of ${keep ? 'fs.readdirSync(dir)' : '[""]'}) fs.rmSync(path.join(dir, name), { recursive: true, force: true });`;
  spawn(process.execPath, ['-e', script], { detached: true, stdio: 'ignore' }).unref();
}
