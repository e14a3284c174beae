// Property test over the two releases content/snapshots names (v6.1.158 and v6.19, about 36,000 rows
// each, read back from the committed history store): added to an empty store in either order, written
// as files and read back, each release comes back exactly.
import { describe, expect, it } from 'vitest';
import { addRelease } from '../../src/lib/history/add-release.ts';
import { EMPTY_STORE } from '../../src/lib/history/model.ts';
import { snapshotOf } from '../../src/lib/history/reconstruct.ts';
import { formatStore, parseStore } from '../../src/lib/history/store-files.ts';
import { sortRows } from '../../src/lib/kernel/snapshot.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';
import { loadSnapshots } from '../../src/lib/records/load.ts';

const snapshots = loadSnapshots(REPO_ROOT);

describe('the snapshots of the committed releases in a new history store', () => {
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
