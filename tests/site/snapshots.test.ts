// The snapshots pages present are exactly what the scanner's writer produces from their rows, so a
// fresh `npm run scan -- <tree> --snapshot` of the same tree diffs cleanly against them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSnapshot, parseSnapshot } from '../../src/lib/kernel/snapshot.ts';
import { REPO_ROOT, SNAPSHOTS_DIR } from '../../src/lib/project.ts';
import { loadSnapshots } from '../../src/lib/records/load.ts';

describe('the snapshots of the committed releases', () => {
  const snapshots = loadSnapshots(REPO_ROOT);

  it('are the releases content/snapshots names, each beside its unresolved uses', () => {
    const named = fs
      .readdirSync(path.join(REPO_ROOT, SNAPSHOTS_DIR))
      .filter((f) => f.endsWith('.unresolved.tsv'))
      .map((f) => f.replace(/\.unresolved\.tsv$/, ''));
    expect(snapshots.map((s) => s.version)).toEqual(named.sort());
  });

  it.each(snapshots.map((s) => [s.version, s] as const))('%s round-trips through formatSnapshot and parseSnapshot', (version, snapshot) => {
    expect(snapshot.rows.length).toBeGreaterThan(30_000);
    const text = formatSnapshot(snapshot);
    expect(parseSnapshot(text, `${version}.tsv`)).toEqual(snapshot);
    expect(formatSnapshot(parseSnapshot(text))).toBe(text);
  });
});

describe('snapshot release names', () => {
  it.each([
    ['6.19.0', 'v6.19'],
    ['6.1.158', 'v6.1.158'],
    ['6.13.0-rc1', 'v6.13-rc1'],
  ])('kernel version %s is release %s', (kernel, release) => {
    expect(parseSnapshot(`# test | kernel version: ${kernel} (VERSION=6)\nsymbol\tmacro\tnamespace\tfile\tline\n`).version).toBe(release);
  });
});
