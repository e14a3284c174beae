// The committed snapshots are exactly what the scanner's writer produces from their rows, so a
// fresh `npm run scan -- <tree> --snapshot` of the same tree diffs cleanly against them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSnapshot, isSnapshotFileName, parseSnapshot } from '../../src/lib/kernel/snapshot.ts';
import { REPO_ROOT, SNAPSHOTS_DIR } from '../../src/lib/project.ts';

const dir = path.join(REPO_ROOT, SNAPSHOTS_DIR);

describe('committed snapshots', () => {
  it.each(fs.readdirSync(dir).filter(isSnapshotFileName))('%s round-trips through parseSnapshot and formatSnapshot', (name) => {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const snapshot = parseSnapshot(text, name);
    expect(`${snapshot.version}.tsv`).toBe(name);
    expect(snapshot.rows.length).toBeGreaterThan(30_000);
    expect(formatSnapshot(snapshot)).toBe(text);
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
