// The commit a kernel tree is checked out at, read from its .git files (no git command needed), so a
// snapshot's first line can name it as the committed snapshots do. Only regular files are read: a FIFO
// or a directory where git keeps a file is a ScanError naming it, never a hang.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathKind, requireRegularFile, ScanError } from './scan-error.ts';

function gitDir(root: string): string | undefined {
  const dotGit = path.join(root, '.git');
  const kind = pathKind(dotGit);
  if (kind === 'missing') return undefined;
  if (kind === 'directory') return dotGit;
  if (kind === 'other') throw new ScanError(`${dotGit}: not a regular file or directory (a FIFO, socket or device)`);
  // A worktree or submodule: `.git` is a file saying `gitdir: <path>`.
  const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
  return pointer ? path.resolve(root, pointer) : undefined;
}

function readIfExists(file: string): string | undefined {
  return requireRegularFile(file, true) ? readFileSync(file, 'utf8') : undefined;
}

/** The full commit hash of HEAD, or undefined when the tree is not a git checkout. */
export function treeCommit(root: string): string | undefined {
  const dir = gitDir(root);
  const head = dir && readIfExists(path.join(dir, 'HEAD'))?.trim();
  if (!dir || !head) return undefined;
  const ref = /^ref:\s*(refs\/\S+)$/.exec(head)?.[1];
  if (ref?.split('/').includes('..')) return undefined;
  if (!ref) return /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
  // Worktrees keep their refs in the main repository (`commondir`).
  const common = readIfExists(path.join(dir, 'commondir'))?.trim();
  for (const base of [dir, ...(common ? [path.resolve(dir, common)] : [])]) {
    const loose = readIfExists(path.join(base, ref))?.trim();
    if (loose) return loose;
    const packed = readIfExists(path.join(base, 'packed-refs'))
      ?.split('\n')
      .find((line) => line.endsWith(` ${ref}`));
    if (packed) return packed.split(' ')[0];
  }
  return undefined;
}
