// Rebuilds a tree from a sample of a committed snapshot (each export at its file and line among filler C,
// plus the wrapper #defines it needs) and checks that the scanner gives the same rows back.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleFiles } from '../../src/lib/kernel/bench.ts';
import { isCoreMacro } from '../../src/lib/kernel/core-macros.ts';
import { snapshotKernelVersion } from '../../src/lib/kernel/makefile-version.ts';
import { scanTree } from '../../src/lib/kernel/scan.ts';
import type { ExportRow } from '../../src/lib/kernel/snapshot.ts';
import { loadSnapshots } from '../../src/lib/records/load.ts';
import { writeSyntheticTree } from '../../src/lib/kernel/synthetic-tree.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ked-synthetic-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function keys(rows: readonly ExportRow[]): string[] {
  return rows.map((r) => `${r.file}:${r.line}\t${r.symbol}\t${r.macro}\t${r.namespace}`).sort();
}

describe.each([
  { snapshot: 'v6.19', bareNamespaces: false },
  { snapshot: 'v6.1.158', bareNamespaces: true },
])('a tree rebuilt from a sample of the $snapshot snapshot', async ({ snapshot, bareNamespaces }) => {
  const data = loadSnapshots(REPO_ROOT).find((s) => s.version === snapshot)!;
  const kernelVersion = snapshotKernelVersion(data.source)!;
  // Every 25th file with exports, and all of its rows.
  const rows = sampleFiles(data.rows, 0.04);
  const root = path.join(tmp, snapshot);
  const tree = writeSyntheticTree(root, { rows, kernelVersion, bareNamespaces, fillerFiles: 300, meanFillerBytes: 4000 });
  const result = await scanTree(root);

  it('samples enough to be meaningful, wrappers and namespaces included', () => {
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.some((r) => !isCoreMacro(r.macro))).toBe(true);
    expect(rows.some((r) => r.namespace !== '')).toBe(true);
    expect(tree.unreproducible).toEqual([]);
  });

  it('gives back exactly the sampled rows', () => {
    expect(keys(result.rows)).toEqual(keys(rows));
    expect(result.unresolved).toEqual([]);
  });

  it('reads the version from the top Makefile', () => {
    expect(result.kernelVersion).toEqual(kernelVersion);
    expect(data.version).toBe(snapshot.replace(/\.tsv$/, ''));
  });
});
