// Property test over the committed snapshots (content/snapshots/*.tsv, about 36,000 rows each): added
// to an empty store in either order, written as files and read back, each release comes back exactly.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRelease } from '../../src/lib/history/add-release.ts';
import { EMPTY_STORE } from '../../src/lib/history/model.ts';
import { snapshotOf } from '../../src/lib/history/reconstruct.ts';
import { formatStore, parseStore } from '../../src/lib/history/store-files.ts';
import { isSnapshotFileName, parseSnapshot, sortRows } from '../../src/lib/kernel/snapshot.ts';
import { REPO_ROOT, SNAPSHOTS_DIR } from '../../src/lib/project.ts';

const dir = path.join(REPO_ROOT, SNAPSHOTS_DIR);
const snapshots = fs
  .readdirSync(dir)
  .filter(isSnapshotFileName)
  .map((f) => parseSnapshot(fs.readFileSync(path.join(dir, f), 'utf8'), f));

describe('the committed snapshots in the history store', () => {
  it('are v6.1.158 and v6.19', () => {
    expect(snapshots.map((s) => s.version).sort()).toEqual(['v6.1.158', 'v6.19']);
  });

  it('come back exactly, whichever is added first, after a trip through the files', () => {
    const forward = snapshots.reduce((store, s) => addRelease(store, s), EMPTY_STORE);
    const backward = [...snapshots].reverse().reduce((store, s) => addRelease(store, s), EMPTY_STORE);
    const files = formatStore(forward);
    expect(formatStore(backward)).toEqual(files);
    const store = parseStore(files);
    for (const original of snapshots) {
      const back = snapshotOf(store, original.version)!;
      expect(back.source).toBe(original.source);
      expect(back.rows.length).toBe(original.rows.length);
      expect(back.rows).toEqual(sortRows([...original.rows]));
    }
    // Far fewer lines than rows: most rows are one interval across both releases.
    const rows = snapshots.reduce((n, s) => n + s.rows.length, 0);
    expect(store.intervals.length).toBeLessThan(rows * 0.6);
  });
});
