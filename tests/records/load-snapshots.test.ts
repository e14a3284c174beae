// Which snapshots the site and the CLIs present: committed TSVs, releases content/snapshots names by
// their unresolved uses alone (rows read back from the history store), and the store's newest release.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotOf } from '../../src/lib/history/reconstruct.ts';
import { readStore } from '../../src/lib/history/store-io.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';
import { loadSnapshots, loadUnresolved } from '../../src/lib/records/load.ts';

const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/site/content');
const store = readStore(path.join(FIXTURE, 'history'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-load-snapshots-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const UNRESOLVED = '# unresolved export-macro uses\nfile\tline\treason\ttext\nmm/a.c\t3\tif0-dead\tEXPORT_SYMBOL(x)\n';

/** A repository with the fixture's history store and these files in content/snapshots. */
function repo(name: string, files: Record<string, string>): string {
  const root = path.join(tmp, name);
  fs.mkdirSync(path.join(root, 'content/snapshots'), { recursive: true });
  fs.cpSync(path.join(FIXTURE, 'history'), path.join(root, 'content/history'), { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(root, 'content/snapshots', file), text);
  return root;
}

describe('loadSnapshots', () => {
  it('reads a release named only by its unresolved uses from the store, and adds the newest release', () => {
    const root = repo('unresolved-only', { 'v6.1.20.unresolved.tsv': UNRESOLVED });
    const snapshots = loadSnapshots(root);
    expect(snapshots.map((s) => s.version)).toEqual(['v6.1.20', 'v6.19']);
    expect(snapshots[0]).toEqual(snapshotOf(store, 'v6.1.20'));
    expect(snapshots[1]).toEqual(snapshotOf(store, 'v6.19'));
    expect(snapshots[0]!.rows.length).toBeGreaterThan(0);
    expect([...loadUnresolved(root).keys()]).toEqual(['v6.1.20']);
    expect(loadUnresolved(root).get('v6.1.20')).toEqual([{ file: 'mm/a.c', line: 3, reason: 'if0-dead', text: 'EXPORT_SYMBOL(x)' }]);
  });

  it('prefers a committed TSV to the store for its release', () => {
    const tsv = '# hand-made | kernel version: 6.19.0\nsymbol\tmacro\tnamespace\tfile\tline\nonly_here\tEXPORT_SYMBOL\t\tmm/a.c\t1\n';
    const snapshots = loadSnapshots(repo('tsv-wins', { 'v6.19.tsv': tsv, 'v6.19.unresolved.tsv': UNRESOLVED }));
    expect(snapshots.map((s) => s.version)).toEqual(['v6.19']);
    expect(snapshots[0]!.rows.map((r) => r.symbol)).toEqual(['only_here']);
  });

  it('refuses an unresolved file whose release is held nowhere, naming the file', () => {
    const root = repo('unknown-release', { 'v6.20.unresolved.tsv': UNRESOLVED });
    expect(() => loadSnapshots(root)).toThrow(
      'content/snapshots/v6.20.unresolved.tsv:1: v6.20 is neither in content/snapshots/v6.20.tsv nor in content/history',
    );
  });

  it('is empty without snapshots or a store', () => {
    const root = path.join(tmp, 'empty');
    fs.mkdirSync(root);
    expect(loadSnapshots(root)).toEqual([]);
  });
});
