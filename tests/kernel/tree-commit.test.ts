import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { treeCommit } from '../../src/lib/kernel/tree-commit.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ked-tree-commit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const A = '094d869456d2bb93023e0ef9bf84a0758cbe8085';
const B = '21e2a0b7a9c51ee3e735fe205c053ba8b42899ba';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmp, 'tree-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('treeCommit', () => {
  it('follows HEAD to a loose ref', () => {
    expect(treeCommit(tree({ '.git/HEAD': 'ref: refs/heads/master\n', '.git/refs/heads/master': `${A}\n` }))).toBe(A);
  });

  it('falls back to packed-refs', () => {
    expect(
      treeCommit(
        tree({
          '.git/HEAD': 'ref: refs/heads/master\n',
          '.git/packed-refs': `# pack-refs with: peeled\n${B} refs/heads/other\n${A} refs/heads/master\n`,
        }),
      ),
    ).toBe(A);
  });

  it('reads a detached HEAD and a worktree pointer', () => {
    expect(treeCommit(tree({ '.git/HEAD': `${B}\n` }))).toBe(B);
    const main = tree({
      '.git/HEAD': `${A}\n`,
      '.git/worktrees/wt/HEAD': 'ref: refs/heads/wt\n',
      '.git/worktrees/wt/commondir': '../..\n',
      '.git/refs/heads/wt': `${B}\n`,
    });
    const worktree = tree({ '.git': `gitdir: ${path.join(main, '.git/worktrees/wt')}\n` });
    expect(treeCommit(worktree)).toBe(B);
  });

  it('gives nothing outside a git checkout', () => {
    expect(treeCommit(tree({ Makefile: 'VERSION = 6\n' }))).toBeUndefined();
  });
});
