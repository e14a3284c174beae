// The unresolved uses committed beside a snapshot: read by release, malformed files refused with file:line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUnresolvedFile } from '../../src/lib/kernel/unresolved-file.ts';
import { loadSnapshots, loadUnresolved } from '../../src/lib/records/load.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-unresolved-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('unresolved uses beside a snapshot', () => {
  it('reads the committed ones by release, and they are few', () => {
    const byRelease = loadUnresolved(REPO_ROOT);
    const releases = loadSnapshots(REPO_ROOT).map((s) => s.version);
    expect([...byRelease.keys()].sort()).toEqual([...releases].sort());
    for (const uses of byRelease.values()) {
      expect(uses.length).toBeLessThan(50);
      for (const u of uses) expect(u.file).toMatch(/^[\w./+-]+$/);
    }
    // The x86 retpoline thunks are rows now, not unresolved uses.
    expect(byRelease.get('v6.19')!.some((u) => u.file === 'arch/x86/lib/retpoline.S')).toBe(false);
  });

  it('refuses a malformed file with its name and line', () => {
    expect(() => parseUnresolvedFile('# x\nfile\tline\treason\ttext\na.c\tzero\tr\tt\n', 'v1.unresolved.tsv')).toThrow(
      'v1.unresolved.tsv:3: expected file, line',
    );
    expect(() => parseUnresolvedFile('symbol\tmacro\n', 'v1.unresolved.tsv')).toThrow('v1.unresolved.tsv:1: header must be');
    fs.mkdirSync(path.join(dir, 'content/snapshots'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'content/snapshots/v6.19.tsv'), '# kernel version: 6.19.0\nsymbol\tmacro\tnamespace\tfile\tline\n');
    expect(loadUnresolved(dir).size).toBe(0);
  });
});
