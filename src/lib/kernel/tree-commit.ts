// The commit a kernel tree is checked out at, read from its .git files (no git command needed), so a
// snapshot's first line can name it as the committed snapshots do.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function gitDir(root: string): string | undefined {
  const dotGit = path.join(root, '.git');
  if (!existsSync(dotGit)) return undefined;
  if (statSync(dotGit).isDirectory()) return dotGit;
  // A worktree or submodule: `.git` is a file saying `gitdir: <path>`.
  const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
  return pointer ? path.resolve(root, pointer) : undefined;
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The full commit hash of HEAD, or undefined when the tree is not a git checkout. */
export function treeCommit(root: string): string | undefined {
  const dir = gitDir(root);
  const head = dir && readIfExists(path.join(dir, 'HEAD'))?.trim();
  if (!dir || !head) return undefined;
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref) return /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
  // Worktrees keep their refs in the main repository (`commondir`).
  const common = readIfExists(path.join(dir, 'commondir'))?.trim();
  for (const base of [dir, ...(common ? [path.resolve(dir, common)] : [])]) {
    const loose = readIfExists(path.join(base, ref))?.trim();
    if (loose) return loose;
    const packed = readIfExists(path.join(base, 'packed-refs'))?.split('\n').find((line) => line.endsWith(` ${ref}`));
    if (packed) return packed.split(' ')[0];
  }
  return undefined;
}
